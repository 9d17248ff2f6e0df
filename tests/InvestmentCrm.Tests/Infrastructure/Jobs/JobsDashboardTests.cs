using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using InvestmentCrm.Web;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Infrastructure.Jobs;

/// <summary>Retries and failures as the Hangfire Dashboard at /admin/jobs shows them, who may open it, and /admin/jobs/schedules.</summary>
public sealed partial class JobsDashboardTests(JobsDashboardTests.Fixture fixture) : IClassFixture<JobsDashboardTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public JobsAppFactory App { get; } = new();

        public Task InitializeAsync()
        {
            _ = App.Services;
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private JobStorage Storage => fixture.App.JobStorage;

    private IBackgroundJobClient Client => fixture.App.Services.GetRequiredService<IBackgroundJobClient>();

    [Fact]
    public async Task A_failing_job_is_retried_and_the_retry_succeeds()
    {
        var tag = "flaky-" + Guid.NewGuid().ToString("N");

        var id = Client.Enqueue<FlakyJob>(job => job.RunAsync(tag, null, CancellationToken.None));

        var details = await Wait.ForStateAsync(Storage, id, "Succeeded");
        Assert.Equal(2, Executions.Of(tag));
        Assert.Contains(details.History, h => h.Reason?.StartsWith("Retry attempt 1 of 2: flaky first attempt", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_job_that_keeps_failing_ends_failed_with_its_error_on_the_dashboard_and_an_admin_can_requeue_it()
    {
        var tag = "failing-" + Guid.NewGuid().ToString("N");
        var id = Client.Enqueue<FailingJob>(job => job.RunAsync(tag, CancellationToken.None));

        var failed = await Wait.ForStateAsync(Storage, id, "Failed");
        Assert.True(Executions.Of(tag) == 2, // the first run and its one retry
            $"{Executions.Of(tag)} runs; history: " + string.Join(" | ", failed.History.Select(h => h.StateName + ": " + h.Reason)));

        using var admin = await fixture.App.SignedInAsync("admin@demo.local");
        var failedPage = await admin.PageAsync("/admin/jobs/jobs/failed");
        Assert.Contains("supplier registry unreachable", failedPage.Body!.TextContent, StringComparison.Ordinal);
        var token = failedPage.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        using var requeue = new HttpRequestMessage(HttpMethod.Post, "/admin/jobs/jobs/failed/requeue")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", id)]),
        };
        requeue.Headers.Add(failedPage.QuerySelector("meta[name=csrf-header]")!.GetAttribute("content")!, token);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.SendAsync(requeue)).StatusCode);
        await Wait.ForAsync(() => Task.FromResult(Executions.Of(tag) >= 3), "the requeued run");
        Assert.Equal(1, await fixture.App.Db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'job' AND EntityId = @Id AND Action = 'dashboard:jobs/failed/requeue' AND ActorName = 'admin@demo.local'", new { Id = id }));
    }

    [Fact]
    public async Task A_dashboard_post_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var id = Client.Enqueue<FailingJob>(job => job.RunAsync("no-token-" + Guid.NewGuid().ToString("N"), CancellationToken.None));
        await Wait.ForStateAsync(Storage, id, "Failed");
        using var admin = await fixture.App.SignedInAsync("admin@demo.local");

        var response = await admin.Client.PostAsync("/admin/jobs/jobs/failed/delete", new FormUrlEncodedContent([new("jobs[]", id)]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Failed", Storage.GetConnection().GetStateData(id).Name);
    }

    [Theory]
    [InlineData("staff1@demo.local")]
    [InlineData("leader@demo.local")]
    public async Task The_dashboard_answers_403_to_staff_and_leaders(string email)
    {
        using var browser = await fixture.App.SignedInAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/jobs/recurring")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Client.PostAsync("/admin/jobs/recurring/trigger",
            new FormUrlEncodedContent([new("jobs[]", RecurringJobs.OutboxId)]))).StatusCode);
        var schedules = await browser.GetAsync("/admin/jobs/schedules");
        Assert.Contains("accessdenied", schedules.Headers.Location?.ToString() ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_dashboard_sends_a_signed_out_visitor_to_the_sign_in_page_and_answers_200_to_an_admin()
    {
        using var anonymous = fixture.App.NewBrowser();
        using var admin = await fixture.App.SignedInAsync("admin@demo.local");

        var signedOut = await anonymous.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/account/login", signedOut.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/jobs")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_speaks_the_admins_language_names_jobs_as_the_domain_does_and_loads_nothing_from_elsewhere()
    {
        using var chinese = await fixture.App.SignedInAsync("admin@demo.local");
        using var english = await fixture.App.SignedInAsync("admin@demo.local", culture: "en");

        var overview = await chinese.PageAsync("/admin/jobs");
        var recurring = await chinese.PageAsync("/admin/jobs/recurring");
        var recurringEn = await english.PageAsync("/admin/jobs/recurring");

        Assert.StartsWith("仪表盘", overview.Title, StringComparison.Ordinal);
        Assert.StartsWith("Overview", (await english.PageAsync("/admin/jobs")).Title, StringComparison.Ordinal);
        Assert.Contains("每周摘要邮件", recurring.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Weekly digest e-mail", recurringEn.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(overview.QuerySelector("a[href='/admin/jobs/schedules']"));
        foreach (var page in new[] { overview, recurring })
        {
            var loaded = page.QuerySelectorAll("script[src], link[href], img[src]")
                .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href")!).ToList();
            Assert.NotEmpty(loaded);
            Assert.All(loaded, url => Assert.Matches(SameOrigin(), url));
        }
    }

    [Fact]
    public async Task The_schedules_page_lists_every_recurring_job_and_runs_one_now_for_an_admin_audited()
    {
        using var admin = await fixture.App.SignedInAsync("admin@demo.local");
        var page = await admin.PageAsync("/admin/jobs/schedules");

        var rows = page.QuerySelectorAll("[data-testid=job-schedules] tr[data-job]").Select(r => r.GetAttribute("data-job")).ToList();
        Assert.Equal(AppJobs.Recurring.Select(j => j.Id), rows);
        var outbox = page.QuerySelector($"tr[data-job='{RecurringJobs.OutboxId}']")!;
        Assert.Contains("发送待发邮件（发件箱）", outbox.TextContent, StringComparison.Ordinal);
        // Test hosts register every schedule on a date that never comes.
        Assert.Equal(("从不运行", "0 0 31 2 *"), (outbox.QuerySelector("[data-testid=cron-words]")!.TextContent, outbox.QuerySelector("[data-testid=cron]")!.TextContent));
        Assert.Null(page.QuerySelector("[data-testid=no-servers]"));

        var run = await admin.SubmitAsync(page, $"tr[data-job='{RecurringJobs.OutboxId}'] form", new Dictionary<string, string>());
        var after = await admin.FollowAsync(run);

        Assert.Contains("已排队运行：发送待发邮件（发件箱）", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var jobId = after.QuerySelector("[role=status] a")!.GetAttribute("href")!.Split('/')[^1];
        await Wait.ForStateAsync(Storage, jobId, "Succeeded");
        Assert.Equal("admin@demo.local", StoredJobs.Parameter(Storage, jobId, TriggeredByFilter.Parameter));
        Assert.Equal(1, await fixture.App.Db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'job' AND EntityId = @Id AND Action = 'run' AND ActorName = 'admin@demo.local'",
            new { Id = RecurringJobs.OutboxId }));
    }

    [GeneratedRegex("^(/|data:)")]
    private static partial Regex SameOrigin();
}
