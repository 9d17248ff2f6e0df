using InvestmentCrm.Web.Infrastructure.Data;
using Quartz;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// Runs a declared job now, with its input. The firing is stored in the job store first, so it happens even if
/// this process stops before it runs (another node, or this one after a restart, picks it up).
/// </summary>
public sealed class JobQueue(ISchedulerFactory schedulers, IDb db, IEnumerable<JobDefinition> definitions)
{
    public bool IsDeclared(string jobName) => definitions.Any(d => d.Name == jobName);

    public async Task EnqueueAsync(string jobName, IReadOnlyDictionary<string, string> data, string triggeredBy, string? triggeredByName, CancellationToken ct = default)
    {
        if (!IsDeclared(jobName))
        {
            throw new ArgumentException($"No job named '{jobName}' is declared in JobsSetup.RegisterAppJobs.", nameof(jobName));
        }

        var map = new JobDataMap();
        foreach (var (key, value) in data)
        {
            map[key] = value;
        }

        map[JobData.TriggeredBy] = triggeredBy;
        if (triggeredByName is not null)
        {
            map[JobData.TriggeredByName] = triggeredByName;
        }

        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(new JobKey(jobName, JobsSetup.Group), map, ct);
    }

    /// <summary>Fires a recorded run's job again with the same input; false if the run or its job is gone.</summary>
    public async Task<bool> RetryAsync(long runId, string userName, CancellationToken ct = default)
    {
        var run = await db.QuerySingleOrDefaultAsync<RunToRetry>(Sql.Run, new { Id = runId }, ct);
        if (run is null || !IsDeclared(run.JobName))
        {
            return false;
        }

        var data = run.JobData is null ? [] : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(run.JobData) ?? [];
        data.Remove(JobData.TriggeredBy);
        data.Remove(JobData.TriggeredByName);
        await EnqueueAsync(run.JobName, data, JobData.Sources.User, userName, ct);
        return true;
    }

    public sealed class RunToRetry
    {
        public string JobName { get; set; } = string.Empty;
        public string? JobData { get; set; }
    }

    internal static class Sql
    {
        public const string Run = "SELECT JobName, JobData FROM JobRuns WHERE Id = @Id";
    }
}
