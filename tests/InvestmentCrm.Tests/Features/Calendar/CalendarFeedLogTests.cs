using System.Net;
using System.Security.Cryptography;
using InvestmentCrm.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using static InvestmentCrm.Tests.Features.Calendar.CalendarSamples;

namespace InvestmentCrm.Tests.Features.Calendar;

/// <summary>The app with every logger at Trace (Hosting, Routing, MVC and ours), its lines kept, and a low limit on
/// anonymous requests so that a feed can be refused.</summary>
public sealed class LoggedProjectsApp : ProjectsApp
{
    public const int AnonymousLimit = 40;

    public LoggedProjectsApp()
    {
        Settings["Logging:LogLevel:Default"] = "Trace";
        Settings["Logging:LogLevel:Microsoft"] = "Trace";
        Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        Settings["Security:RateLimits:AnonymousPerClient:PermitLimit"] = AnonymousLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Security:RateLimits:AnonymousPerClient:WindowSeconds"] = "86400";
    }

    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
    }
}

/// <summary>
/// The feed's token is its only credential, so no log line may hold it, at any level: not ASP.NET Core's "Request
/// starting/finished" nor its RequestPath scope, not routing's or MVC's debug lines, not the re-executed error page of
/// a 404, not our rate limiter's refusal. The rest of the request log stays as it was.
/// </summary>
public sealed class CalendarFeedLogTests(LoggedProjectsApp app) : IClassFixture<LoggedProjectsApp>
{
    [Fact]
    public async Task No_log_line_at_any_level_holds_a_feed_token_and_other_paths_are_logged_as_before()
    {
        using var browser = await app.AsAsync("staff1@demo.local");
        var path = PathOf(await NewFeedUrlAsync(browser));
        var token = path["/calendar/feed/".Length..^".ics".Length];
        var unknown = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var malformed = "x" + unknown[..20];
        using var client = app.NewCookielessClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Calendar/Feed/" + token + ".ics?refresh=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/calendar/feed/{unknown}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/calendar/feed/{malformed}.ics")).StatusCode);
        // No route without ".ics": the sign-in page, with the path in its return URL.
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/calendar/feed/{malformed}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/projects?q=" + Uri.EscapeDataString("/calendar/feed/" + unknown + ".ics"))).StatusCode);
        var refused = false;
        for (var i = 0; i <= LoggedProjectsApp.AnonymousLimit && !refused; i++)
        {
            refused = (await client.GetAsync(path)).StatusCode == HttpStatusCode.TooManyRequests;
        }

        Assert.True(refused, "the feed is refused once the anonymous limit is used up");
        var entries = app.Logs.Entries.ToList();
        foreach (var secret in new[] { token, unknown, malformed })
        {
            Assert.DoesNotContain(entries, e => e.Everything.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        // Every level was on, and the feed's requests are still logged, their token masked.
        Assert.Contains(entries, e => e.Level == LogLevel.Trace);
        Assert.Contains(entries, e => e.Level == LogLevel.Debug && e.Category.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Message.StartsWith("Request starting", StringComparison.Ordinal) && e.Message.Contains("/calendar/feed/***.ics", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Message.StartsWith("Request finished", StringComparison.Ordinal) && e.Message.Contains("/calendar/feed/***.ics - 404", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Message.Contains("/Calendar/Feed/***.ics?refresh=1", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Scopes.Contains("RequestPath=/calendar/feed/***.ics", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Too many requests: GET /calendar/feed/***.ics", StringComparison.Ordinal));

        // Other paths are logged whole.
        Assert.Contains(entries, e => e.Message.StartsWith("Request starting", StringComparison.Ordinal) && e.Message.Contains("/calendar/feed - ", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Message.StartsWith("Request starting", StringComparison.Ordinal) && e.Message.Contains("/projects?q=", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Scopes.Contains("RequestPath=/projects", StringComparison.Ordinal));
    }
}
