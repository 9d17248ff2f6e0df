using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using Hangfire.Storage;
using InvestmentCrm.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Infrastructure.Jobs;

/// <summary>Every execution of the test jobs, by tag (tags are unique per test, so parallel test classes never mix).</summary>
public static class Executions
{
    private static readonly ConcurrentDictionary<string, int> Counts = new(StringComparer.Ordinal);

    public static void Add(string tag) => Counts.AddOrUpdate(tag, 1, (_, n) => n + 1);

    public static int Of(string tag) => Counts.GetValueOrDefault(tag);
}

/// <summary>Fails on its first attempt and succeeds on the retry; its real delay is a minute.</summary>
public sealed class FlakyJob
{
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [60, 300], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task RunAsync(string tag, PerformContext? context, CancellationToken cancellationToken)
    {
        Executions.Add(tag);
        return context?.GetJobParameter<int>("RetryCount") > 0 ? Task.CompletedTask : throw new InvalidOperationException("flaky first attempt");
    }
}

/// <summary>Always fails; retried once (after 30 s in production, at once in tests), then Failed.</summary>
public sealed class FailingJob
{
    [AutomaticRetry(Attempts = 1, DelaysInSeconds = [30], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task RunAsync(string tag, CancellationToken cancellationToken)
    {
        Executions.Add(tag);
        throw new InvalidOperationException("supplier registry unreachable");
    }
}

/// <summary>
/// Runs after AutomaticRetry (order 20) and turns its delayed retry into an immediate one, so a test sees the retry
/// without waiting for the delay. Registered per host through DI, never globally.
/// </summary>
public sealed class FastRetryFilter : JobFilterAttribute, IElectStateFilter
{
    public FastRetryFilter()
    {
        Order = 30;
    }

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is ScheduledState scheduled && scheduled.Reason?.StartsWith("Retry attempt", StringComparison.OrdinalIgnoreCase) == true)
        {
            context.CandidateState = new EnqueuedState { Reason = scheduled.Reason + " (fast retry in tests)" };
        }
    }
}

/// <summary>The app with fast retries, the way a test host adds a job filter.</summary>
public class JobsAppFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<JobFilterAttribute>(new FastRetryFilter()));
    }
}

public static class Wait
{
    /// <summary>How long a wait may take before the test fails. Not a timing assertion: only a test that is failing
    /// anyway waits this long, so it is generous — on the 2-core machine shared by several suites, beside CPU hogs,
    /// starting an app process once took over 90 s and a brief over 60 s (scripts/test-at-hours.sh).</summary>
    public const int DefaultSeconds = 300;

    /// <summary>Polls until the condition holds; fails with the message after the timeout, measured on the monotonic
    /// clock (the wall clock may be faked or jump).</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T?>> probe, string what, int seconds = DefaultSeconds)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value && (value is not bool flag || flag))
            {
                return value;
            }

            if (deadline.Elapsed.TotalSeconds > seconds)
            {
                throw new TimeoutException($"Waited {seconds} s for {what}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until the Hangfire job is in the state; returns its details (history newest first). Reads the job's own
    /// state, not its newest history row: a state change writes the states it passed through (a failed run on its way
    /// to a retry is written as Failed, then Scheduled) and the SQLite storage commits them one by one, so a reader of
    /// the history could see Failed for a job that is being retried (seen beside two CPU hogs).
    /// </summary>
    public static async Task<Hangfire.Storage.Monitoring.JobDetailsDto> ForStateAsync(JobStorage storage, string jobId, string state, int seconds = DefaultSeconds)
    {
        await ForAsync(() =>
        {
            using var connection = storage.GetConnection();
            return Task.FromResult(connection.GetJobData(jobId)?.State == state);
        }, $"job {jobId} to be {state}", seconds);
        return storage.GetMonitoringApi().JobDetails(jobId);
    }
}

/// <summary>Finds jobs in a host's Hangfire storage.</summary>
public static class StoredJobs
{
    /// <summary>Ids of the jobs of <typeparamref name="T"/> whose first argument is <paramref name="firstArgument"/>, in any state.</summary>
    public static IReadOnlyList<string> Of<T>(JobStorage storage, string firstArgument)
    {
        var monitoring = storage.GetMonitoringApi();
        // Each state is a separate query and a job moves on while they run: asked in the order of its life (scheduled,
        // enqueued, processing, then done), a job that moves between two queries is still seen by the later one.
        // Asked the other way round, a job finishing between "succeeded" and "processing" was in neither list.
        var all = monitoring.ScheduledJobs(0, 500).Select(j => (j.Key, j.Value.Job)).ToList()
            .Concat(monitoring.EnqueuedJobs("default", 0, 500).Select(j => (j.Key, j.Value.Job)).ToList())
            .Concat(monitoring.ProcessingJobs(0, 500).Select(j => (j.Key, j.Value.Job)).ToList())
            .Concat(monitoring.SucceededJobs(0, 500).Select(j => (j.Key, j.Value.Job)).ToList())
            .Concat(monitoring.FailedJobs(0, 500).Select(j => (j.Key, j.Value.Job)).ToList());
        return [.. all.Where(j => j.Job?.Type == typeof(T) && j.Job.Args.FirstOrDefault() as string == firstArgument).Select(j => j.Key).Distinct()];
    }

    public static string? Parameter(JobStorage storage, string jobId, string name)
    {
        using var connection = storage.GetConnection();
        return connection.GetJobParameter(jobId, name) is { } json ? SerializationHelper.Deserialize<string>(json) : null;
    }
}
