using Hangfire;
using Hangfire.Storage;
using InvestmentCrm.Web.Features.Digest;
using InvestmentCrm.Web.Features.Reports.ChainGap;
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
/// THE place where recurring jobs are declared. At start-up every node writes them to Hangfire's storage with the
/// schedule of <c>Jobs:Schedules:ID</c> in <c>App:TimeZone</c> (an unchanged schedule keeps its next run) and removes
/// recurring jobs no longer declared here. Adding one: a job class with a <c>RunAsync(CancellationToken)</c>
/// method (see <see cref="DigestJob"/>), a line below, and its name in Resources/Jobs.*.json (Jobs.Name.ClassName).
/// </summary>
public sealed class RecurringJobs(
    IRecurringJobManager manager,
    JobStorage storage,
    IOptions<JobsOptions> jobs,
    IOptions<AppOptions> app,
    ILogger<RecurringJobs> logger) : IHostedService
{
    public const string DigestId = "weekly-digest";
    public const string OutboxId = "outbox-send";
    public const string ChainGapReportsId = "chain-gap-reports";

    public static readonly IReadOnlyList<RecurringJobDefinition> All =
    [
        // Mondays 08:00: the digest of the ISO week that just ended.
        new(DigestId, "0 8 * * 1", typeof(DigestJob),
            (m, id, cron, options) => m.AddOrUpdate<DigestJob>(id, job => job.RunAsync(CancellationToken.None), cron, options)),
        // Every minute: what the outbox holds that is due (new messages and retries).
        new(OutboxId, "* * * * *", typeof(OutboxSendJob),
            (m, id, cron, options) => m.AddOrUpdate<OutboxSendJob>(id, job => job.RunAsync(CancellationToken.None), cron, options)),
        // 07:00 on the 1st: every chain's chain-gap report in zh-CN and en (一月一调度).
        new(ChainGapReportsId, "0 7 1 * *", typeof(ChainGapReportsJob),
            (m, id, cron, options) => m.AddOrUpdate<ChainGapReportsJob>(id, job => job.RunAsync(CancellationToken.None), cron, options)),
    ];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var zone = app.Value.FindTimeZone();
        foreach (var job in All)
        {
            var cron = jobs.Value.Schedules.GetValueOrDefault(job.Id, job.DefaultCron);
            job.AddOrUpdate(manager, job.Id, cron, new RecurringJobOptions { TimeZone = zone });
        }

        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Where(r => !All.Any(j => j.Id == r.Id)))
        {
            manager.RemoveIfExists(stale.Id);
            logger.LogInformation("Removed recurring job {Job}, which is no longer declared", stale.Id);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
