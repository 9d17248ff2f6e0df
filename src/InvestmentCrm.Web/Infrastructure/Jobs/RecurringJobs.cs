using Hangfire;
using Hangfire.Storage;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>A recurring job: its Hangfire id, default schedule, job class and how it is added to Hangfire.</summary>
public sealed record RecurringJobDefinition(string Id, string DefaultCron, Type JobType, Action<IRecurringJobManager, string, string, RecurringJobOptions> AddOrUpdate)
{
    /// <summary>The resource key of the job's name (<see cref="JobNames"/>).</summary>
    public string TitleKey => JobNames.KeyOf(JobType);
}

/// <summary>
/// Writes the recurring jobs declared in <see cref="AppJobs.Recurring"/> (the composition root, registered as
/// services) to Hangfire's storage at start-up, every node, with the schedule of <c>Jobs:Schedules:ID</c> in
/// <c>App:TimeZone</c> (an unchanged schedule keeps its next run), and removes recurring jobs no longer declared.
/// </summary>
public sealed class RecurringJobs(
    IEnumerable<RecurringJobDefinition> declared,
    IRecurringJobManager manager,
    JobStorage storage,
    IOptions<JobsOptions> jobs,
    IOptions<AppOptions> app,
    ILogger<RecurringJobs> logger) : IHostedService
{
    public const string DigestId = "weekly-digest";
    public const string OutboxId = "outbox-send";
    public const string ChainGapReportsId = "chain-gap-reports";
    public const string DispatchReportId = "dispatch-report";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var zone = app.Value.FindTimeZone();
        var all = declared.ToList();
        foreach (var job in all)
        {
            var cron = jobs.Value.Schedules.GetValueOrDefault(job.Id, job.DefaultCron);
            job.AddOrUpdate(manager, job.Id, cron, new RecurringJobOptions { TimeZone = zone });
        }

        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Where(r => !all.Any(j => j.Id == r.Id)))
        {
            manager.RemoveIfExists(stale.Id);
            logger.LogInformation("Removed recurring job {Job}, which is no longer declared", stale.Id);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
