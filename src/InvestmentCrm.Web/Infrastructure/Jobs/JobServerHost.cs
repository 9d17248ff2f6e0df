using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// Runs Hangfire's server (workers, retries, recurring schedules) in this process when <c>Jobs:RunServer</c> is true;
/// otherwise the node is web-only: it enqueues and shows the dashboard, and another node runs the jobs. Decided when
/// the host starts, from the bound options, so tests and the command line can set it late.
/// </summary>
public sealed class JobServerHost(
    IServiceProvider services,
    JobStorage storage,
    IOptions<JobsOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<JobServerHost> logger) : IHostedService, IDisposable
{
    private BackgroundJobServerHostedService? server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RunServer)
        {
            logger.LogInformation("Jobs:RunServer is false: this node enqueues background jobs but runs none");
            return Task.CompletedTask;
        }

        // Applies the Hangfire configuration of JobsSetup (serializer, log provider) before the server reads it.
        services.GetRequiredService<IGlobalConfiguration>();
        server = new BackgroundJobServerHostedService(storage, ServerOptions(services, options.Value), [], lifetime);
        return server.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => server?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public void Dispose() => server?.Dispose();

    /// <summary>
    /// The server takes this host's activator (jobs get a DI scope of this host) and filters, never the process-wide
    /// ones: several hosts in one process (the tests) then never run each other's jobs.
    /// </summary>
    public static BackgroundJobServerOptions ServerOptions(IServiceProvider services, JobsOptions jobs) => new()
    {
        WorkerCount = jobs.WorkerCount,
        Queues = ["default"],
        SchedulePollingInterval = jobs.SchedulePollingInterval,
        // A normal shutdown cancels the jobs' CancellationToken after StopTimeout and requeues them at once.
        ShutdownTimeout = TimeSpan.FromSeconds(15),
        Activator = services.GetRequiredService<JobActivator>(),
        FilterProvider = services.GetRequiredService<IJobFilterProvider>(),
        TimeZoneResolver = services.GetRequiredService<ITimeZoneResolver>(),
    };
}
