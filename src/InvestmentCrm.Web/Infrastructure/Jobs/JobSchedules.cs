using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;
using Quartz;


namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// At start-up, makes the job store carry exactly the jobs declared in <see cref="JobsSetup.RegisterAppJobs"/>:
/// adds new ones, updates changed schedules (an unchanged schedule keeps its next fire time), removes jobs no
/// longer declared. On a single node it also closes the history rows of runs the last process did not finish.
/// </summary>
public sealed class JobSchedules(
    ISchedulerFactory schedulers,
    IEnumerable<JobDefinition> definitions,
    IDb db,
    JobsOptions options,
    IOptions<AppOptions> app,
    TimeProvider clock,
    ILogger<JobSchedules> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Clustered)
        {
            // Only this process runs jobs on SQLite, so a run still 'running' belongs to a process that died.
            // Quartz re-runs it (recovery); its old row says what happened to it.
            await db.ExecuteAsync(Sql.MarkInterrupted, new { FinishedAtUtc = clock.GetUtcNow().UtcDateTime }, cancellationToken);
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var zone = app.Value.FindTimeZone();
        var declared = definitions.ToList();
        foreach (var definition in declared)
        {
            var job = JobBuilder.Create().OfType(definition.JobType)
                .WithIdentity(definition.Key)
                .StoreDurably()
                .RequestRecovery()
                .Build();
            await scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken);

            var existing = await scheduler.GetTrigger(definition.TriggerKey, cancellationToken);
            if (!definition.IsRecurring)
            {
                if (existing is not null)
                {
                    await scheduler.UnscheduleJob(definition.TriggerKey, cancellationToken);
                }

                continue;
            }

            var jobZone = definition.TimeZone is { } id ? Domain.LocalTime.FindZone(id) : zone;
            if (SameSchedule(existing, definition, jobZone))
            {
                continue;
            }

            var trigger = TriggerBuilder.Create()
                .WithIdentity(definition.TriggerKey)
                .ForJob(definition.Key)
                .UsingJobData(JobData.TriggeredBy, JobData.Sources.Schedule);
            trigger = definition.Cron is { } cron
                ? trigger.WithCronSchedule(cron, c => c.InTimeZone(jobZone))
                : trigger.StartNow().WithSimpleSchedule(s => s.WithInterval(definition.Interval!.Value).RepeatForever());
            await scheduler.ScheduleJob(trigger.Build(), new ScheduleJobOptions { Replace = true }, cancellationToken);
            logger.LogInformation("Scheduled job {Job}: {Schedule}", definition.Name, definition.Cron ?? definition.Interval.ToString());
        }

        var names = declared.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(JobsSetup.Group), cancellationToken))
        {
            if (!names.Contains(key.Name))
            {
                await scheduler.DeleteJob(key, cancellationToken);
                logger.LogInformation("Removed job {Job}, which is no longer declared", key.Name);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool SameSchedule(ITrigger? existing, JobDefinition definition, TimeZoneInfo zone) => existing switch
    {
        ICronTrigger cron => definition.Cron == cron.CronExpressionString && cron.TimeZone.Id == zone.Id,
        ISimpleTrigger simple => definition.Interval == simple.RepeatInterval,
        _ => false,
    };

    internal static class Sql
    {
        public const string MarkInterrupted =
            "UPDATE JobRuns SET Status = 'interrupted', FinishedAtUtc = @FinishedAtUtc WHERE Status = 'running'";
    }
}
