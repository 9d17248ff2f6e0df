using Hangfire.Common;
using Hangfire.States;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// Keeps a failed run's retry when the move to it has to be repeated. When the state change after a failed run hits a
/// storage error (SQLite busy under load, a lost connection), Hangfire's worker elects the state again; but
/// [AutomaticRetry] wrote its RetryCount outside the transaction that failed, so on the repeat it counts the same
/// failure twice and the job ends Failed (or Deleted) with retries left. This filter runs after AutomaticRetry
/// (order 20): it remembers, per processing run, the retry that was elected, and elects it again on a repeat.
/// </summary>
public sealed class RetryElectionGuard : JobFilterAttribute, IElectStateFilter
{
    public const string Parameter = "RetryElected";

    public RetryElectionGuard()
    {
        Order = 25;
    }

    public void OnStateElection(ElectStateContext context)
    {
        if (!ProcessingState.StateName.Equals(context.CurrentState, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var run = RunOf(context);
        if (context.CandidateState is ScheduledState { Reason: { } reason } scheduled
            && reason.StartsWith("Retry attempt", StringComparison.OrdinalIgnoreCase))
        {
            context.SetJobParameter(Parameter, new ElectedRetry { Run = run, EnqueueAt = scheduled.EnqueueAt, Reason = reason });
        }
        else if (context.GetJobParameter<ElectedRetry>(Parameter) is { } elected && elected.Run == run)
        {
            // The same failed run elected again: the first election's retry stands.
            context.CandidateState = new ScheduledState(elected.EnqueueAt) { Reason = elected.Reason };
        }
    }

    /// <summary>What tells one processing run from the next: when, where and by which worker it started.</summary>
    private static string RunOf(ElectStateContext context)
    {
        var data = context.Connection.GetStateData(context.BackgroundJob.Id)?.Data;
        return data is null
            ? string.Empty
            : string.Join('|', Value(data, "StartedAt"), Value(data, "ServerId"), Value(data, "WorkerId"));
    }

    private static string? Value(IDictionary<string, string> data, string key) => data.TryGetValue(key, out var value) ? value : null;

    public sealed class ElectedRetry
    {
        public string Run { get; set; } = string.Empty;

        public DateTime EnqueueAt { get; set; }

        public string Reason { get; set; } = string.Empty;
    }
}
