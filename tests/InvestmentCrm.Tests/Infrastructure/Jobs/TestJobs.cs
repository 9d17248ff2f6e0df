using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Hosting;
using Quartz;

namespace InvestmentCrm.Tests.Infrastructure.Jobs;

/// <summary>Fails on its first attempt and succeeds on the retry one second later.</summary>
[RetryPolicy(2, "00:00:01")]
public sealed class FlakyJob : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        context.RetryAttempt == 0 ? throw new InvalidOperationException("flaky first attempt") : ValueTask.CompletedTask;
}

/// <summary>Always fails; retried once, one second later.</summary>
[RetryPolicy(1, "00:00:01")]
public sealed class FailingJob : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("supplier registry unreachable");
}

/// <summary>Does nothing, every hour: a recurring schedule for the jobs page.</summary>
public sealed class HourlyJob : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}

/// <summary>The app with the test jobs declared next to the real ones, the way a feature declares its own.</summary>
public sealed class JobsAppFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => new JobRegistry(services)
            .OnDemand<FlakyJob>("test-flaky")
            .OnDemand<FailingJob>("test-failing")
            .Recurring<HourlyJob>("test-hourly", "0 0 * * * ?"));
    }
}

public static class Wait
{
    /// <summary>Polls until the condition holds; fails with the message after the timeout.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T?>> probe, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value && (value is not bool flag || flag))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {seconds} s for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
