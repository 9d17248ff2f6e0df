using Hangfire;
using Hangfire.Storage;
using InvestmentCrm.Web;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Digest;
using InvestmentCrm.Web.Features.Reports.ChainGap;
using InvestmentCrm.Web.Features.Reports.Dispatch;
using InvestmentCrm.Web.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Infrastructure.Jobs;

/// <summary>
/// The recurring jobs as the app registers them with their real schedules, on a web-only node (Jobs:RunServer=false),
/// so nothing runs whatever the hour; and the web-only node itself.
/// </summary>
public sealed class RecurringJobsTests
{
    /// <summary>A node with the production schedules (except one override) that runs no jobs.</summary>
    private static AppFactory WebOnlyNode(string? databasePath = null)
    {
        var app = new AppFactory();
        foreach (var job in AppJobs.Recurring)
        {
            app.Settings.Remove(AppFactory.NeverKey(job.Id));
        }

        app.Settings["Jobs:RunServer"] = "false";
        app.Settings["Jobs:Schedules:" + RecurringJobs.ChainGapReportsId] = "30 6 2 * *";
        if (databasePath is not null)
        {
            app.Settings["ConnectionStrings:Default"] = $"Data Source={databasePath}";
        }

        return app;
    }

    [Fact]
    public async Task Each_recurring_job_is_registered_with_its_cron_in_the_app_time_zone_and_shown_in_words()
    {
        await using var app = WebOnlyNode();
        using var admin = await app.SignedInAsync("admin@demo.local");

        using var connection = app.JobStorage.GetConnection();
        var stored = connection.GetRecurringJobs().ToDictionary(r => r.Id);

        Assert.Equal(AppJobs.Recurring.Select(j => j.Id).Order(), stored.Keys.Order());
        Assert.Equal(("0 8 * * 1", "Asia/Shanghai", typeof(DigestJob), "RunAsync"),
            (stored[RecurringJobs.DigestId].Cron, stored[RecurringJobs.DigestId].TimeZoneId, stored[RecurringJobs.DigestId].Job.Type, stored[RecurringJobs.DigestId].Job.Method.Name));
        Assert.Equal(("* * * * *", typeof(OutboxSendJob)), (stored[RecurringJobs.OutboxId].Cron, stored[RecurringJobs.OutboxId].Job.Type));
        Assert.Equal(("30 6 2 * *", typeof(ChainGapReportsJob)), (stored[RecurringJobs.ChainGapReportsId].Cron, stored[RecurringJobs.ChainGapReportsId].Job.Type));
        // The dispatch report of the month before: 07:30 on the 1st in Shanghai, which is 23:30 UTC on the last day of the month before.
        var dispatch = stored[RecurringJobs.DispatchReportId];
        Assert.Equal(("30 7 1 * *", "Asia/Shanghai", typeof(DispatchReportJob), "RunAsync"), (dispatch.Cron, dispatch.TimeZoneId, dispatch.Job.Type, dispatch.Job.Method.Name));
        var firstOfMonth = dispatch.NextExecution!.Value.AddHours(8);
        Assert.Equal((1, 7, 30), (firstOfMonth.Day, firstOfMonth.Hour, firstOfMonth.Minute));
        Assert.All(stored.Values, r => Assert.Equal("Asia/Shanghai", r.TimeZoneId));
        // Monday 08:00 in Shanghai is Monday 00:00 UTC, whatever day the test runs.
        var next = stored[RecurringJobs.DigestId].NextExecution!.Value;
        Assert.Equal((DayOfWeek.Monday, 0, 0), (next.DayOfWeek, next.Hour, next.Minute));

        var page = await admin.PageAsync("/admin/jobs/schedules");
        var digest = page.QuerySelector($"tr[data-job='{RecurringJobs.DigestId}']")!;
        Assert.Equal(("每周一 08:00", "0 8 * * 1"), (digest.QuerySelector("[data-testid=cron-words]")!.TextContent, digest.QuerySelector("[data-testid=cron]")!.TextContent));
        Assert.Contains("每周摘要邮件", digest.TextContent, StringComparison.Ordinal);
        Assert.Equal("每月 2 日 06:30", page.QuerySelector($"tr[data-job='{RecurringJobs.ChainGapReportsId}'] [data-testid=cron-words]")!.TextContent);
        Assert.Equal("每月 1 日 07:30", page.QuerySelector($"tr[data-job='{RecurringJobs.DispatchReportId}'] [data-testid=cron-words]")!.TextContent);
        Assert.Contains("月度调度报告", page.QuerySelector($"tr[data-job='{RecurringJobs.DispatchReportId}']")!.TextContent, StringComparison.Ordinal);
        using var english = await app.SignedInAsync("admin@demo.local", culture: "en");
        var en = await english.PageAsync("/admin/jobs/schedules");
        Assert.Equal("Every Monday at 08:00", en.QuerySelector($"tr[data-job='{RecurringJobs.DigestId}'] [data-testid=cron-words]")!.TextContent);
        Assert.Equal("Every minute", en.QuerySelector($"tr[data-job='{RecurringJobs.OutboxId}'] [data-testid=cron-words]")!.TextContent);
    }

    [Fact]
    public async Task A_web_only_node_stores_a_job_and_runs_nothing_and_a_node_that_runs_jobs_picks_it_up()
    {
        using var folder = new TempDirectory("crm-web-only");
        var databasePath = folder.File("app.db");
        var tag = "web-only-" + Guid.NewGuid().ToString("N");
        string id;

        await using (var webOnly = WebOnlyNode(databasePath))
        {
            using var admin = await webOnly.SignedInAsync("admin@demo.local");
            id = webOnly.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<FailingJob>(job => job.RunAsync(tag, CancellationToken.None));

            // Nothing here can run it: no Hangfire server was started in this process for this storage.
            Assert.Empty(webOnly.JobStorage.GetMonitoringApi().Servers());
            Assert.Equal("Enqueued", webOnly.JobStorage.GetConnection().GetStateData(id).Name);
            Assert.NotNull((await admin.PageAsync("/admin/jobs/schedules")).QuerySelector("[data-testid=no-servers]"));
        }

        Assert.Equal(0, Executions.Of(tag));
        await using var runner = new JobsAppFactory();
        runner.Settings["ConnectionStrings:Default"] = $"Data Source={databasePath}";

        var failed = await Wait.ForStateAsync(runner.JobStorage, id, "Failed");
        Assert.True(Executions.Of(tag) == 2, $"{Executions.Of(tag)} runs; history: " + string.Join(" | ", failed.History.Select(h => h.StateName + ": " + h.Reason)));
    }

    [Fact]
    public async Task A_recurring_job_no_longer_declared_is_removed_at_start_up()
    {
        using var folder = new TempDirectory("crm-recurring");
        var databasePath = folder.File("app.db");
        await using (var before = WebOnlyNode(databasePath))
        {
            before.Services.GetRequiredService<IRecurringJobManager>()
                .AddOrUpdate<OutboxSendJob>("retired-job", job => job.RunAsync(CancellationToken.None), Cron.Never());
            Assert.Contains("retired-job", before.JobStorage.GetConnection().GetRecurringJobs().Select(r => r.Id));
        }

        await using var after = WebOnlyNode(databasePath);

        Assert.DoesNotContain("retired-job", after.JobStorage.GetConnection().GetRecurringJobs().Select(r => r.Id));
    }
}
