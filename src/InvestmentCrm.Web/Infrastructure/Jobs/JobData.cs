namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>The job-data keys every job may carry; the run history reads them to say who or what started a run.</summary>
public static class JobData
{
    /// <summary>schedule, user, stage, cli, retry, recovery.</summary>
    public const string TriggeredBy = "triggeredBy";

    /// <summary>The person (e-mail) or detail (e.g. the stage) behind <see cref="TriggeredBy"/>.</summary>
    public const string TriggeredByName = "triggeredByName";

    /// <summary>The idempotency key of the work: a job's effect is written at most once per key.</summary>
    public const string RequestKey = "requestKey";

    public static class Sources
    {
        public const string Schedule = "schedule";
        public const string User = "user";
        public const string Stage = "stage";
        public const string Retry = "retry";
        public const string Recovery = "recovery";
    }
}
