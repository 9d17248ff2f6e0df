using System.Text;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Calendar;

/// <summary>Next steps put on the calendar through the app's own service, a feed made through its page, and an
/// iCalendar reader written from RFC 5545 (unfolding, unescaping), independent of the app's writer.</summary>
public static class CalendarSamples
{
    /// <summary>Logs a follow-up on the project (by its owner) with a next step due on the day; done when asked.</summary>
    public static async Task<long> AddNextStepAsync(ProjectsApp app, string code, string nextStep, DateOnly dueOn, bool done = false)
    {
        using var scope = app.Services.CreateScope();
        var followUps = scope.ServiceProvider.GetRequiredService<ProjectFollowUps>();
        var (id, owner) = await app.Db.QuerySingleOrDefaultAsync<(long, long)>("SELECT Id, OwnerUserId FROM Projects WHERE Code = @Code", new { Code = code });
        Assert.True((await followUps.AddActivityAsync(id, new ActivityInput("call", app.Today, null, "电话沟通", nextStep, dueOn), owner)).Succeeded);
        var activity = await app.ScalarAsync<long>("SELECT MAX(Id) FROM Activities WHERE ProjectId = @Id", new { Id = id });
        if (done)
        {
            Assert.True((await followUps.CompleteNextStepAsync(activity)).Succeeded);
        }

        return activity;
    }

    /// <summary>Makes (or makes again) the signed-in user's feed on /calendar/feed and returns the URL it shows once.</summary>
    public static async Task<string> NewFeedUrlAsync(TestBrowser browser)
    {
        var response = await browser.PostFormAsync("/calendar/feed", "form[data-testid=feed-issue]", new Dictionary<string, string>());
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var page = await TestBrowser.ParseAsync(response);
        var url = page.QuerySelector("[data-testid=feed-url]")!.GetAttribute("value")!;
        Assert.Matches(@"^http://localhost/calendar/feed/[A-Za-z0-9_-]{43}\.ics$", url);
        return url;
    }

    /// <summary>The feed's path for a client of the test server.</summary>
    public static string PathOf(string url) => new Uri(url).PathAndQuery;

    /// <summary>The entries of a calendar page: day, project code, text, done.</summary>
    public static IReadOnlyList<(string Day, string Code, string Text, bool Done)> Entries(IDocument page) =>
    [
        .. page.QuerySelectorAll("[data-testid=calendar-day]").SelectMany(day => day.QuerySelectorAll("[data-testid=calendar-entry]").Select(e =>
            (day.GetAttribute("data-day")!, e.GetAttribute("data-project")!, e.TextContent, e.GetAttribute("data-done") == "true"))),
    ];

    /// <summary>One property of a content line: its name, parameters and (unescaped, for TEXT) value.</summary>
    public sealed record Property(string Name, string Parameters, string Value);

    /// <summary>The physical lines of a feed: CRLF-terminated, none over 75 octets (RFC 5545 §3.1).</summary>
    public static IReadOnlyList<string> PhysicalLines(string ics)
    {
        Assert.EndsWith("\r\n", ics, StringComparison.Ordinal);
        var lines = ics[..^2].Split("\r\n");
        Assert.DoesNotContain(lines, l => l.Contains('\n', StringComparison.Ordinal) || l.Contains('\r', StringComparison.Ordinal));
        var tooLong = lines.Where(l => Encoding.UTF8.GetByteCount(l) > 75).ToList();
        Assert.True(tooLong.Count == 0, "lines over 75 octets:\n" + string.Join("\n", tooLong));
        return lines;
    }

    private static readonly HashSet<string> TextProperties = new(StringComparer.Ordinal) { "SUMMARY", "DESCRIPTION", "UID", "X-WR-CALNAME" };

    /// <summary>The feed's events, each as its properties by name (unfolded and unescaped).</summary>
    public static IReadOnlyList<Dictionary<string, Property>> Events(string ics)
    {
        var logical = new List<string>();
        foreach (var line in PhysicalLines(ics))
        {
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                logical[^1] += line[1..];
            }
            else
            {
                logical.Add(line);
            }
        }

        Assert.Equal("BEGIN:VCALENDAR", logical[0]);
        Assert.Equal("END:VCALENDAR", logical[^1]);
        var events = new List<Dictionary<string, Property>>();
        Dictionary<string, Property>? current = null;
        foreach (var line in logical)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var head = line[..colon];
            var semicolon = head.IndexOf(';', StringComparison.Ordinal);
            var name = semicolon < 0 ? head : head[..semicolon];
            var raw = line[(colon + 1)..];
            var property = new Property(name, semicolon < 0 ? "" : head[(semicolon + 1)..], TextProperties.Contains(name) ? Unescape(raw) : raw);
            if (line == "BEGIN:VEVENT")
            {
                current = new Dictionary<string, Property>(StringComparer.Ordinal);
            }
            else if (line == "END:VEVENT")
            {
                events.Add(current!);
                current = null;
            }
            else if (current is not null)
            {
                Assert.True(current.TryAdd(name, property), $"{name} twice in one event");
            }
        }

        return events;
    }

    /// <summary>A TEXT value as RFC 5545 §3.3.11 defines its escapes; a lone backslash before anything else fails.</summary>
    public static string Unescape(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\')
            {
                Assert.False(value[i] is ',' or ';', $"unescaped {value[i]} in {value}");
                text.Append(value[i]);
                continue;
            }

            i++;
            text.Append(value[i] switch
            {
                'n' or 'N' => '\n',
                '\\' or ';' or ',' => value[i],
                _ => throw new Xunit.Sdk.XunitException($"bad escape \\{value[i]} in {value}"),
            });
        }

        return text.ToString();
    }
}
