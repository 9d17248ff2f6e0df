using InvestmentCrm.Web.Features.Reports;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Quartz;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// Background jobs: Quartz.NET 4 hosted in the web app, its ADO job store on the application database (tables
/// QRTZ_*, created by migration 0005 and validated by Quartz at start-up). SQLite runs one node; SQL Server runs
/// clustered, so every web node shares the work and a dead node's jobs are recovered by another. Every job
/// requests recovery: one that was queued or running when the process died runs again, so a job's effect must be
/// idempotent (write it once per <see cref="JobData.RequestKey"/>). A job that throws is retried with back-off
/// (<see cref="DefaultRetryPolicy"/>; a job class may declare its own with [RetryPolicy]). Every execution is
/// recorded in JobRuns (<see cref="JobRunRecorder"/>) and shown on /admin/jobs.
/// </summary>
public static class JobsSetup
{
    /// <summary>The Quartz group of the app's jobs; /admin/jobs lists this group.</summary>
    public const string Group = "app";

    /// <summary>30 s, 1 min, 2 min after the first failure, then the run is marked failed (retry from /admin/jobs).</summary>
    public static readonly RetryPolicy DefaultRetryPolicy = RetryPolicy.Exponential(3, TimeSpan.FromSeconds(30), 2, TimeSpan.FromMinutes(10));

    /// <summary>
    /// ADD YOUR JOB HERE, one call each:
    /// <code>
    /// jobs.OnDemand&lt;MyJob&gt;("my-job");                            // runs when code calls JobQueue.EnqueueAsync("my-job", …)
    /// jobs.Recurring&lt;MyJob&gt;("my-job", "0 0 8 ? * MON");          // Quartz cron (sec min hour day month weekday), app time zone
    /// jobs.Recurring&lt;MyJob&gt;("my-job", TimeSpan.FromMinutes(1));  // every minute
    /// </code>
    /// A job is a class implementing <see cref="IJob"/>, built from DI per run (constructor injection works). Give
    /// it the resource key <c>Jobs.Name.my-job</c> in Resources/Jobs.*.json for /admin/jobs. Changing a schedule
    /// here changes the stored one at the next start; removing a job here removes it from the store.
    /// </summary>
    public static void RegisterAppJobs(JobRegistry jobs, IConfiguration configuration)
    {
        jobs.OnDemand<DocumentJob>(DocumentJob.Name);
        Features.Digest.EmailJobs.Register(jobs, configuration);
        jobs.Recurring<Features.Reports.ChainGap.ChainGapReportsJob>(Features.Reports.ChainGap.ChainGapReportsJob.Name, configuration["Reports:ChainGapCron"] ?? Features.Reports.ChainGap.ChainGapReportsJob.DefaultCron);
    }

    public static void AddJobs(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // The provider decides the store's dialect and clustering, so it is read now; the connection string is
        // read when the store first connects, so hosts (tests, the command line) can still set it late.
        var clustered = string.Equals(configuration["Database:Provider"], nameof(DatabaseProvider.SqlServer), StringComparison.OrdinalIgnoreCase);
        var maxConcurrency = configuration.GetValue("Jobs:MaxConcurrency", 4);
        services.AddSingleton(new JobsOptions(clustered));

        RegisterAppJobs(new JobRegistry(services), configuration);
        services.AddSingleton<JobRunRecorder>();
        services.AddSingleton<JobQueue>();

        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                if (clustered)
                {
                    store.UseSqlServer(source => source.DataSourceFactory = sp => SqlClientFactory.Instance.CreateDataSource(ConnectionString(sp)));
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = TimeSpan.FromSeconds(10);
                        cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
                    });
                }
                else
                {
                    store.UseSqlite(source => source.DataSourceFactory = sp => SqliteFactory.Instance.CreateDataSource(ConnectionString(sp)));
                }

                store.ConfigureStore(options =>
                {
                    options.TablePrefix = "QRTZ_";
                    // Migration 0005 creates the tables; Quartz only checks them and refuses to start if one is off.
                    options.SchemaProvisioning = SchemaProvisioning.Validate;
                    // A job cancelled by a shutdown (deploy, restart) runs again when a scheduler comes back.
                    options.RecoverFiringsCancelledByShutdown = true;
                });
            });
            q.UseDefaultThreadPool(maxConcurrency);
            q.UseDefaultRetryPolicy(DefaultRetryPolicy);
            q.AddJobListener(sp => sp.GetRequiredService<JobRunRecorder>(), [GroupMatcher<JobKey>.AnyGroup()]);
        });

        // After DatabaseStartup (migrations), before the scheduler starts: stores the declared jobs and schedules.
        services.AddHostedService<JobSchedules>();
        services.AddQuartzHostedService(options =>
        {
            options.WaitForJobsToComplete = true;
            options.AwaitApplicationStarted = true;
            // Jobs:RunScheduler=false makes a node that stores jobs (schedules, "generate" buttons) but runs none:
            // a web-only node beside worker nodes on SQL Server, or a host whose database is about to go away.
            options.AutoStart = configuration.GetValue("Jobs:RunScheduler", true);
        });
    }

    private static string ConnectionString(IServiceProvider services) => services.GetRequiredService<DatabaseOptions>().ConnectionString;
}

/// <summary>How the scheduler runs: clustered on SQL Server, a single node on SQLite.</summary>
public sealed record JobsOptions(bool Clustered);
