using Dapper;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace InvestmentCrm.Tests.Infrastructure.Jobs;

/// <summary>Jobs:RunScheduler=false: a node that stores jobs but runs none; a node that runs jobs picks them up.</summary>
public sealed class RunSchedulerSettingTests
{
    [Fact]
    public async Task A_node_that_does_not_run_the_scheduler_stores_a_queued_job_which_the_next_running_node_runs()
    {
        using var folder = new TempDirectory("crm-scheduler");
        var databasePath = folder.File("app.db");
        const string key = "stored-not-run";

        await using (var storeOnly = new JobsAppFactory())
        {
            storeOnly.Settings["ConnectionStrings:Default"] = $"Data Source={databasePath}";
            storeOnly.Settings["Jobs:RunScheduler"] = "false";
            var scheduler = await storeOnly.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.NotEqual(SchedulerStatus.Running, await scheduler.GetStatus());

            await storeOnly.Services.GetRequiredService<JobQueue>().EnqueueAsync(
                "test-flaky", new Dictionary<string, string> { [JobData.RequestKey] = key }, JobData.Sources.User, "test");

            // A running scheduler starts a triggered job at once; this one is given time to and must not.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await using var connection = await storeOnly.Db.OpenAsync();
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE JOB_NAME = 'test-flaky'"));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM JobRuns WHERE JobName = 'test-flaky'"));
        }

        await using var runner = new JobsAppFactory();
        runner.Settings["ConnectionStrings:Default"] = $"Data Source={databasePath}";
        var status = await Wait.ForAsync(async () =>
        {
            await using var connection = await runner.Db.OpenAsync();
            return await connection.ExecuteScalarAsync<string?>(
                "SELECT Status FROM JobRuns WHERE JobName = 'test-flaky' AND RequestKey = @Key AND Status = 'succeeded'", new { Key = key });
        }, "the stored job to run on the node that runs the scheduler");
        Assert.Equal("succeeded", status);
    }
}
