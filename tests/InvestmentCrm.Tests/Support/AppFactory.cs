using System.Net;
using InvestmentCrm.Web;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Support;

/// <summary>
/// The real app over HTTP on a temporary SQLite file with the demo data, one per test class.
/// Configuration is the app's own plus what a test sets in <see cref="Settings"/>.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory folder = new("crm-app");

    public AppFactory()
    {
        DatabasePath = folder.File("app.db");
        Settings["ConnectionStrings:Default"] = $"Data Source={DatabasePath}";
        Settings["Demo:SeedOnStart"] = "true";
        Settings["Identity:MaxFailedAccessAttempts"] = "3";
        // No test may depend on the wall clock reaching a schedule: the recurring jobs are registered on a date that
        // never comes, and tests that need one run it explicitly. Retries and delayed jobs are looked for every second.
        foreach (var job in AppJobs.Recurring)
        {
            Settings[NeverKey(job.Id)] = Hangfire.Cron.Never();
        }

        Settings["Jobs:SchedulePollingInterval"] = "00:00:01";
        // Mail of test hosts goes to their own folder, never into the source tree.
        Settings["Email:PickupDirectory"] = folder.File("mail");
        // The suite signs in hundreds of times from one address: rate limits are tested with low limits on their own
        // (RateLimitTests) and kept out of every other test's way.
        Settings["Security:RateLimits:PasswordPerClient:PermitLimit"] = "1000000";
        Settings["Security:RateLimits:PasswordPerAccount:PermitLimit"] = "1000000";
        Settings["Security:RateLimits:AnonymousPerClient:PermitLimit"] = "1000000";
    }

    /// <summary>The setting that holds a recurring job's schedule; remove it to register the job's real schedule.</summary>
    public static string NeverKey(string jobId) => "Jobs:Schedules:" + jobId;

    /// <summary>Hangfire's storage of this host (its own SQLite file beside <see cref="DatabasePath"/>).</summary>
    public Hangfire.JobStorage JobStorage => Services.GetRequiredService<Hangfire.JobStorage>();

    public string DatabasePath { get; }

    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    public Db Db => Services.GetRequiredService<Db>();

    public TestBrowser NewBrowser() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A browser whose cookies the test can read (to copy a sign-in cookie elsewhere, say).</summary>
    public TestBrowser NewBrowser(CookieContainer cookies) => new(CreateDefaultClient(new Uri("http://localhost/"), new CookieContainerHandler(cookies)));

    /// <summary>A client that sends only the cookies a test puts on each request.</summary>
    public HttpClient NewCookielessClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A browser already signed in as the given user, in the given language (remembered for the user).</summary>
    public async Task<TestBrowser> SignedInAsync(string email, string password = InvestmentCrm.Web.Features.Demo.DemoSeeder.Password, string culture = "zh-CN")
    {
        var browser = NewBrowser();
        var response = await browser.LoginAsync(email, password);
        if (response.Headers.Location?.ToString() != "/")
        {
            throw new InvalidOperationException($"Could not sign in as {email}: {(int)response.StatusCode}");
        }

        await browser.PageAsync("/?culture=" + culture);
        return browser;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            folder.Dispose();
        }
    }
}
