using System.Globalization;
using System.Net;
using System.Text;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Calendar;
using static InvestmentCrm.Tests.Features.Calendar.CalendarSamples;

namespace InvestmentCrm.Tests.Features.Calendar;

/// <summary>
/// The private iCalendar feed through HTTP: made on /calendar/feed, fetched without any cookie, read back with a
/// reader of RFC 5545 (folding, escaping, all-day dates, stable UIDs); a regenerated, revoked, unknown or malformed
/// token, and the token of a disabled or locked-out user, answer 404 alike; every change is audited.
/// </summary>
public sealed class CalendarFeedTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private const string Staff1 = "staff1@demo.local";

    private async Task<TestBrowser> SignedInAtAsync(string email, string culture = "zh-CN")
    {
        await app.ReadyAsync();
        app.Clock.Now = DateTimeOffset.Parse("2026-12-31T16:30:00Z", CultureInfo.InvariantCulture); // 00:30, 1 January 2027, in Shanghai
        return await app.AsAsync(email, culture);
    }

    private async Task<HttpResponseMessage> FetchAsync(string url)
    {
        using var client = app.NewCookielessClient();
        return await client.GetAsync(PathOf(url));
    }

    private async Task<string> FeedTextAsync(string url)
    {
        var response = await FetchAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.False(response.Headers.Contains("Set-Cookie"), "the feed sets no cookie");
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_feed_holds_the_next_steps_as_all_day_events_folded_and_escaped_as_RFC_5545_says()
    {
        using var browser = await SignedInAtAsync(Staff1);
        var awkward = "核对：面积, 单价; 路径 C:\\资料\\方案\n第二行" + string.Concat(Enumerable.Repeat("衣拿智能吊挂系统生产基地", 4)) + " 🚚";
        var open = await AddNextStepAsync(app, "JJ2026-001", awkward, new DateOnly(2027, 1, 5));
        var done = await AddNextStepAsync(app, "JJ2026-003", "订阅：已寄出协议", new DateOnly(2026, 12, 20), done: true);
        var tooOld = await AddNextStepAsync(app, "JJ2026-003", "订阅：太早", new DateOnly(2026, 10, 1));
        var tooFar = await AddNextStepAsync(app, "JJ2026-003", "订阅：太远", new DateOnly(2028, 1, 2));

        var url = await NewFeedUrlAsync(browser);
        var text = await FeedTextAsync(url);
        var events = Events(text);

        Assert.True(PhysicalLines(text).Count(l => l.StartsWith(' ')) >= 3, "the long summary and description are folded");
        var first = Assert.Single(events, e => e["UID"].Value == $"next-step-{open}@investmentcrm");
        Assert.Equal("JJ2026-001 " + awkward, first["SUMMARY"].Value);
        Assert.Equal(("VALUE=DATE", "20270105"), (first["DTSTART"].Parameters, first["DTSTART"].Value));
        Assert.Equal("20270106", first["DTEND"].Value);
        Assert.Equal("20261231T163000Z", first["DTSTAMP"].Value);
        Assert.Equal("http://localhost/projects/JJ2026-001", first["URL"].Value);
        Assert.Equal("项目：衣拿智能吊挂系统生产基地项目\n负责人：李招商\n状态：待办", first["DESCRIPTION"].Value);
        Assert.Contains(@"\,", text, StringComparison.Ordinal);
        Assert.Contains(@"\;", text, StringComparison.Ordinal);
        Assert.Contains(@"\\", text, StringComparison.Ordinal);

        var finished = Assert.Single(events, e => e["UID"].Value == $"next-step-{done}@investmentcrm");
        Assert.Equal("✓ JJ2026-003 订阅：已寄出协议", finished["SUMMARY"].Value);
        Assert.DoesNotContain(events, e => e["UID"].Value == $"next-step-{tooOld}@investmentcrm" || e["UID"].Value == $"next-step-{tooFar}@investmentcrm");

        // The same event keeps its UID from one fetch to the next, so subscribers update it in place.
        Assert.Contains(Events(await FeedTextAsync(url)), e => e["UID"].Value == first["UID"].Value);
    }

    [Fact]
    public async Task A_regenerated_or_revoked_token_answers_404_and_every_change_is_audited()
    {
        using var browser = await SignedInAtAsync("staff2@demo.local", "en");
        var before = await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE Action LIKE 'calendar-feed-%'");
        var first = await NewFeedUrlAsync(browser);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(first)).StatusCode);
        Assert.Contains("X-WR-CALNAME:Investment CRM · next steps", await FeedTextAsync(first), StringComparison.Ordinal);

        var second = await NewFeedUrlAsync(browser);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(second)).StatusCode);

        var status = await browser.PageAsync("/calendar/feed");
        Assert.Null(status.QuerySelector("[data-testid=feed-url]")); // shown once, never again
        Assert.DoesNotContain(second.Split('/')[^1][..20], status.Source.Text, StringComparison.Ordinal);
        var revoked = await browser.FollowAsync(await browser.SubmitAsync(status, "form[data-testid=feed-revoke]", new Dictionary<string, string>()));
        Assert.Contains("The subscription was revoked", revoked.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(revoked.QuerySelector("form[data-testid=feed-issue]"));
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(second)).StatusCode);

        var audit = await app.Db.QueryAsync<(string Action, string Changes)>(
            "SELECT Action, Changes FROM AuditLog WHERE Action LIKE 'calendar-feed-%' ORDER BY Id DESC LIMIT 3");
        Assert.Equal(["calendar-feed-revoke", "calendar-feed-regenerate", "calendar-feed-create"], audit.Select(a => a.Action));
        Assert.Equal(before + 3, await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE Action LIKE 'calendar-feed-%'"));
        Assert.Matches("^\\{\"CalendarFeed\":\\[\"[0-9a-f]{8}\",null\\]\\}$", audit[0].Changes);
        Assert.Matches("^\\{\"CalendarFeed\":\\[null,\"[0-9a-f]{8}\"\\]\\}$", audit[2].Changes);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM CalendarFeeds WHERE UserId = (SELECT Id FROM Users WHERE Email = 'staff2@demo.local')"));

        using var admin = await app.AsAsync("admin@demo.local", "en");
        var log = await admin.PageAsync("/admin/audit?entity=User");
        Assert.Contains("Calendar subscription revoked", log.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Calendar key fingerprint", log.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_malformed_disabled_and_locked_out_feeds_answer_the_same_404()
    {
        using var browser = await SignedInAtAsync("leader@demo.local");
        var url = await NewFeedUrlAsync(browser);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(url)).StatusCode);

        var unknown = "http://localhost/calendar/feed/" + new string('A', 43) + ".ics";
        foreach (var bad in new[] { unknown, "http://localhost/calendar/feed/abc.ics", "http://localhost/calendar/feed/" + new string('%', 43) + ".ics", url.Replace(".ics", "x.ics", StringComparison.Ordinal) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(bad)).StatusCode);
        }

        var leader = await app.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'leader@demo.local'");
        await app.Db.ExecuteAsync("UPDATE Users SET LockoutEndUtc = @Until WHERE Id = @Id", new { Id = leader, Until = app.Clock.Now.UtcDateTime.AddMinutes(15) });
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(url)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(16)); // the lockout is over
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(url)).StatusCode);

        await app.Db.ExecuteAsync("UPDATE Users SET IsDisabled = 1 WHERE Id = @Id", new { Id = leader });
        try
        {
            var disabled = await FetchAsync(url);
            var unknownAnswer = await FetchAsync(unknown);
            Assert.Equal(HttpStatusCode.NotFound, disabled.StatusCode);
            Assert.Equal(await unknownAnswer.Content.ReadAsStringAsync(), await disabled.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.Db.ExecuteAsync("UPDATE Users SET IsDisabled = 0 WHERE Id = @Id", new { Id = leader });
        }
    }

    [Fact]
    public async Task The_writer_folds_at_75_octets_without_cutting_a_character()
    {
        foreach (var line in new[] { "SUMMARY:" + new string('a', 200), "SUMMARY:" + string.Concat(Enumerable.Repeat("招商", 60)), "SUMMARY:" + string.Concat(Enumerable.Repeat("a🚚", 40)) })
        {
            var folded = ICalendarText.Fold(line);
            var parts = folded.Split("\r\n");
            Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(p) <= ICalendarText.MaxOctets, p));
            Assert.All(parts.Skip(1), p => Assert.StartsWith(" ", p, StringComparison.Ordinal));
            Assert.Equal(line, string.Concat(parts.Select((p, i) => i == 0 ? p : p[1..])));
            Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(parts[0])));
        }

        Assert.Equal(@"a\\b\;c\,d\ne\nf", ICalendarText.Escape("a\\b;c,d\r\ne\rf\u0007"));
    }
}
