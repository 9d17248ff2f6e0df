using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// Background jobs on Hangfire 1.8 (README "Background jobs"). A job is a DI class with an async method that takes
/// a <see cref="CancellationToken"/> (a normal shutdown cancels it and requeues the job at once), declares its retries
/// with [AutomaticRetry], and writes its effect once per request key, because any job may run twice: a retry, a
/// crash, or two nodes fetching it. On-demand jobs are enqueued with <see cref="IBackgroundJobClient"/>; recurring
/// jobs are declared in <see cref="AppJobs.Recurring"/>.
/// <para>
/// Everything Hangfire needs comes from this host's services — storage, activator, filters — and never from its
/// process-wide statics (JobStorage.Current, BackgroundJob, RecurringJob, GlobalJobFilters): several hosts in one
/// process (the tests) then keep their jobs, and the services their jobs run with, apart.
/// </para>
/// </summary>
public static class JobsSetup
{
    public static void AddJobs(IServiceCollection services)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidation>();
        JobsDashboard.AllowInPolicy(services);

        // Registered before AddHangfire, whose own registrations of these are TryAdd and would read the statics.
        services.AddSingleton(JobStorages.Create);
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<JobFilterAttribute, TriggeredByFilter>();
        services.AddSingleton<JobFilterAttribute, RetryElectionGuard>();
        services.AddSingleton<IJobFilterProvider>(sp =>
        {
            // Hangfire's global filters (AutomaticRetry defaults, culture capture) plus this host's own.
            var own = new JobFilterCollection();
            foreach (var filter in sp.GetServices<JobFilterAttribute>())
            {
                own.Add(filter);
            }

            return new JobFilterProviderCollection(JobFilterProviders.Providers, own);
        });
        services.AddHangfire((sp, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            // Replaces the provider AddHangfire just set, which breaks once another host in the process is disposed.
            .UseLogProvider(new SafeHangfireLogProvider(sp.GetRequiredService<ILoggerFactory>())));

        // After DatabaseStartup (registered earlier): the schedules, then the server when this node runs jobs.
        services.AddHostedService<RecurringJobs>();
        services.AddHostedService<JobServerHost>();
    }
}
