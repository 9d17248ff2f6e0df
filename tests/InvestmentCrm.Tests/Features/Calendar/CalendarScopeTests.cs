using System.Globalization;
using InvestmentCrm.Tests.Support;
using static InvestmentCrm.Tests.Features.Calendar.CalendarSamples;

namespace InvestmentCrm.Tests.Features.Calendar;

/// <summary>
/// Every demo Staff member signs in, after every project has had next steps due yesterday, today and next week (one of
/// them done), and reads the calendar in each view and circle and their own iCalendar feed. No calendar entry and no
/// feed item may name a project outside the reader's scope, and each reader must meet their own projects in both.
/// </summary>
public sealed class CalendarScopeTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    [Fact]
    public async Task No_calendar_entry_or_feed_item_names_a_project_outside_the_readers_scope()
    {
        await app.ReadyAsync();
        app.Clock.Now = DateTimeOffset.Parse("2026-12-31T15:30:00Z", CultureInfo.InvariantCulture); // 23:30 in Shanghai
        var staff = await ScopeReaders.StaffAsync(app);
        var codes = await app.Db.QueryAsync<string>("SELECT Code FROM Projects WHERE Stage NOT IN ('on_hold', 'lost') ORDER BY Code");
        foreach (var code in codes)
        {
            await AddNextStepAsync(app, code, "范围：昨天", app.Today.AddDays(-1), done: true);
            await AddNextStepAsync(app, code, "范围：今天", app.Today);
            await AddNextStepAsync(app, code, "范围：下周", app.Today.AddDays(7));
        }

        var pages = new[] { "month", "week" }
            .SelectMany(view => new[] { "mine", "team", "all" }.Select(who => $"/calendar?view={view}&who={who}"))
            .Append("/calendar?date=" + app.Today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "&view=week&who=all")
            .ToList();
        var failures = new List<string>();
        foreach (var reader in staff)
        {
            var (allowed, forbidden) = await ScopeReaders.CodesAsync(app, reader);
            using var browser = await app.AsAsync(reader.Email);
            var seen = new List<string>();
            foreach (var url in pages)
            {
                var page = await browser.PageAsync(url);
                seen.AddRange(Entries(page).Select(e => e.Code));
                failures.AddRange(ScopeReaders.Named(page.Source.Text, forbidden).Select(code => $"{reader.Email}: {url} names {code}"));
            }

            var feed = await (await app.NewCookielessClient().GetAsync(PathOf(await NewFeedUrlAsync(browser)))).Content.ReadAsStringAsync();
            var items = Events(feed);
            failures.AddRange(ScopeReaders.Named(feed, forbidden).Select(code => $"{reader.Email}: the feed names {code}"));
            var expected = allowed.Intersect(codes).ToList();
            if (expected.Count == 0 || !expected.All(seen.Contains))
            {
                failures.Add($"{reader.Email}: the calendar misses some of {string.Join(", ", expected)}");
            }

            if (!expected.All(code => items.Any(e => e["SUMMARY"].Value.Contains(code, StringComparison.Ordinal))))
            {
                failures.Add($"{reader.Email}: the feed misses some of {string.Join(", ", expected)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }
}
