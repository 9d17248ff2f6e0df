using Quartz;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// One job the app carries: its name (the Quartz job key in group <see cref="JobsSetup.Group"/>), its class, and
/// its recurring schedule if it has one (a cron expression in the app's time zone, or a fixed interval).
/// </summary>
public sealed record JobDefinition(string Name, Type JobType, string? Cron = null, TimeSpan? Interval = null, string? TimeZone = null)
{
    public JobKey Key => new(Name, JobsSetup.Group);

    public TriggerKey TriggerKey => new(Name + ".schedule", JobsSetup.Group);

    public bool IsRecurring => Cron is not null || Interval is not null;

    /// <summary>The resource key of the job's name on /admin/jobs.</summary>
    public string TitleKey => "Jobs.Name." + Name;
}

/// <summary>
/// Where features declare their jobs, one call each (see <see cref="JobsSetup.RegisterAppJobs"/>). Declarations
/// are services, so the scheduler is told about them when it starts and tests can add their own.
/// </summary>
public sealed class JobRegistry(IServiceCollection services)
{
    /// <summary>A job that runs only when code asks (<see cref="JobQueue.EnqueueAsync"/>) or an admin clicks "run now".</summary>
    public JobRegistry OnDemand<TJob>(string name) where TJob : class, IJob => Add(new JobDefinition(name, typeof(TJob)));

    /// <summary>A job on a cron schedule, e.g. <c>"0 0 8 ? * MON"</c> (Mondays 08:00), in <paramref name="timeZone"/>
    /// (an IANA id such as Asia/Shanghai) or, when that is null, the app's time zone.</summary>
    public JobRegistry Recurring<TJob>(string name, string cron, string? timeZone = null) where TJob : class, IJob
    {
        if (!CronExpression.TryParse(cron, out _))
        {
            throw new ArgumentException($"'{cron}' is not a valid Quartz cron expression for job {name}.", nameof(cron));
        }

        return Add(new JobDefinition(name, typeof(TJob), Cron: cron, TimeZone: timeZone));
    }

    /// <summary>A job that runs every <paramref name="interval"/>, starting when the app starts.</summary>
    public JobRegistry Recurring<TJob>(string name, TimeSpan interval) where TJob : class, IJob =>
        Add(new JobDefinition(name, typeof(TJob), Interval: interval));

    private JobRegistry Add(JobDefinition definition)
    {
        services.AddSingleton(definition);
        services.AddTransient(definition.JobType);
        return this;
    }
}
