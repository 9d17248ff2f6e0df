using System.Text.Json;
using InvestmentCrm.Web.Infrastructure.Data;
using Quartz;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// Writes a JobRuns row for every execution of every job: who or what triggered it, when it started and ended,
/// how it ended and the error. A failed job is therefore always visible on /admin/jobs, never silent.
/// </summary>
public sealed class JobRunRecorder(IDb db, TimeProvider clock, ILogger<JobRunRecorder> logger) : IJobListener
{
    // The history row of each execution in flight, by firing and attempt.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), long> running = new();

    public string Name => "crm.job-runs";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var data = context.MergedJobDataMap;
            var requestKey = data.TryGetString(JobData.RequestKey, out var key) ? key : null;
            var triggeredBy = context.Recovering ? JobData.Sources.Recovery
                : context.RetryAttempt > 0 ? JobData.Sources.Retry
                : data.TryGetString(JobData.TriggeredBy, out var by) && by is not null ? by
                : JobData.Sources.Schedule;
            var runId = await db.InTransactionAsync(async session =>
            {
                var id = await session.InsertAsync(Sql.Insert, new
                {
                    JobName = context.JobDetail.Key.Name,
                    JobGroup = context.JobDetail.Key.Group,
                    TriggerName = context.Trigger.Key.Name,
                    context.FireInstanceId,
                    InstanceId = context.Scheduler.SchedulerInstanceId,
                    TriggeredBy = triggeredBy,
                    TriggeredByName = data.TryGetString(JobData.TriggeredByName, out var name) ? name : null,
                    RequestKey = requestKey,
                    JobData = JsonSerializer.Serialize(StringEntries(data)),
                    Attempt = context.RetryAttempt,
                    context.Recovering,
                    StartedAtUtc = clock.GetUtcNow().UtcDateTime,
                });
                if (context.Recovering)
                {
                    // The run this one recovers died with its process: say so on its row.
                    await session.ExecuteAsync(Sql.MarkRecovered, new
                    {
                        Id = id,
                        JobName = context.JobDetail.Key.Name,
                        JobGroup = context.JobDetail.Key.Group,
                        RequestKey = requestKey,
                        FinishedAtUtc = clock.GetUtcNow().UtcDateTime,
                    });
                }

                return id;
            }, cancellationToken);
            running[(context.FireInstanceId, context.RetryAttempt)] = runId;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not record the start of job {Job}", context.JobDetail.Key);
        }
    }

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (!running.TryRemove((context.FireInstanceId, context.RetryAttempt), out var runId))
        {
            return;
        }

        try
        {
            var error = jobException is null ? null : Describe(jobException);
            var cancelled = jobException is not null && Unwrap(jobException) is OperationCanceledException;
            await db.ExecuteAsync(Sql.Finish, new
            {
                Id = runId,
                // Cancelled by a shutdown: the firing is recovered and runs again when a scheduler comes back.
                Status = jobException is null ? "succeeded" : cancelled ? "interrupted" : context.RetryScheduled ? "retrying" : "failed",
                FinishedAtUtc = clock.GetUtcNow().UtcDateTime,
                DurationMs = (long)context.JobRunTime.TotalMilliseconds,
                Error = error is { Length: > 4000 } ? error[..4000] : error,
            }, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not record the end of job {Job}", context.JobDetail.Key);
        }
    }

    /// <summary>The message of what the job threw (Quartz wraps it), with its type, for the admin page.</summary>
    public static string Describe(Exception exception)
    {
        var inner = Unwrap(exception);
        return $"{inner.GetType().Name}: {inner.Message}";
    }

    private static Exception Unwrap(Exception exception)
    {
        var inner = exception;
        while (inner is SchedulerException && inner.InnerException is { } cause)
        {
            inner = cause;
        }

        return inner;
    }

    private static Dictionary<string, string> StringEntries(JobDataMap data)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in data.Keys)
        {
            if (data.TryGetString(key, out var value) && value is not null)
            {
                entries[key] = value;
            }
        }

        return entries;
    }

    internal static class Sql
    {
        public const string Insert = """
            INSERT INTO JobRuns (JobName, JobGroup, TriggerName, FireInstanceId, InstanceId, TriggeredBy, TriggeredByName,
                RequestKey, JobData, Attempt, Recovering, Status, StartedAtUtc)
            VALUES (@JobName, @JobGroup, @TriggerName, @FireInstanceId, @InstanceId, @TriggeredBy, @TriggeredByName,
                @RequestKey, @JobData, @Attempt, @Recovering, 'running', @StartedAtUtc)
            """;

        public const string MarkRecovered = """
            UPDATE JobRuns SET Status = 'interrupted', FinishedAtUtc = @FinishedAtUtc
            WHERE Status = 'running' AND Id <> @Id AND JobName = @JobName AND JobGroup = @JobGroup
              AND (RequestKey = @RequestKey OR (RequestKey IS NULL AND @RequestKey IS NULL))
            """;

        public const string Finish = """
            UPDATE JobRuns SET Status = @Status, FinishedAtUtc = @FinishedAtUtc, DurationMs = @DurationMs, Error = @Error
            WHERE Id = @Id
            """;
    }
}
