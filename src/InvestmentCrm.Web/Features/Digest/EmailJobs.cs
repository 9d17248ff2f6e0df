using InvestmentCrm.Web.Infrastructure.Jobs;
using InvestmentCrm.Web.Infrastructure.Mail;
using Quartz;

namespace InvestmentCrm.Web.Features.Digest;

/// <summary>
/// The two e-mail jobs and their schedules: the weekly digest (cron <c>Email:Digest:Cron</c> in
/// <c>Email:Digest:TimeZone</c>) and the outbox sender (every minute). The work is in <see cref="DigestScheduler"/>
/// and <see cref="OutboxSender"/>; the jobs only call them.
/// </summary>
public static class EmailJobs
{
    public const string DigestName = "weekly-digest";

    public const string OutboxName = "outbox-send";

    /// <summary>The services the jobs and the CLI need; called from AppHost.</summary>
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<DigestRenderer>();
        services.AddScoped<IGapDigestSource, GapDigestSource>();
        services.AddTransient<DigestBuilder>();
        services.AddTransient<DigestScheduler>();
        services.AddTransient<OutboxSender>();
    }

    /// <summary>Declares the two jobs in the app's job registry (Jobs/JobsSetup.RegisterAppJobs), so they run on the
    /// persistent, clustered store, are recorded in JobRuns and appear on /admin/jobs.</summary>
    public static void Register(JobRegistry jobs, IConfiguration configuration)
    {
        var digest = configuration.GetSection(EmailOptions.Section).Get<EmailOptions>()?.Digest ?? new EmailOptions.DigestSettings();
        jobs.Recurring<DigestJob>(DigestName, digest.Cron, digest.TimeZone);
        jobs.Recurring<OutboxSendJob>(OutboxName, TimeSpan.FromMinutes(1));
    }
}

/// <summary>Queues the digest of the last complete ISO week for everyone who has not had it, then sends what is due.</summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(DigestScheduler scheduler, OutboxSender sender, TimeProvider clock, ILogger<DigestJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var week = scheduler.LastCompleteWeek(clock.GetUtcNow());
        var result = await scheduler.RunAsync(week, dryRun: false, cancellationToken);
        var sent = await sender.SendDueAsync(cancellationToken);
        logger.LogInformation("Digest {Week}: {Queued} queued, {Already} already sent, {Failed} failed; outbox sent {Sent}",
            week, result.Count(DigestOutcome.Queued), result.Count(DigestOutcome.AlreadySent), result.Count(DigestOutcome.Failed), sent.Sent);
        context.Result = $"{week}: queued {result.Count(DigestOutcome.Queued)}, already sent {result.Count(DigestOutcome.AlreadySent)}, failed {result.Count(DigestOutcome.Failed)}";
        if (result.Count(DigestOutcome.Failed) > 0)
        {
            // Shown as a failed run; the next run fills in the missing digests.
            throw new InvalidOperationException($"Digest {week}: {result.Count(DigestOutcome.Failed)} digests could not be built: " +
                string.Join("; ", result.Items.Where(i => i.Outcome == DigestOutcome.Failed).Select(i => $"{i.Email}: {i.Error}")));
        }
    }
}

/// <summary>
/// Sends due outbox messages. Retries are scheduled on the messages themselves; a run that gave up on a message
/// ends as a failed run (so the jobs page shows it) naming the messages, which /admin/outbox lists with their errors.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OutboxSendJob(OutboxSender sender) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await sender.SendDueAsync(cancellationToken);
        context.Result = $"sent {result.Sent}, retrying {result.Retrying}, failed {result.Failed}";
        if (result.Failed > 0)
        {
            throw new InvalidOperationException(
                $"Outbox: {result.Failed} message(s) failed for good: {string.Join("; ", result.FailedMessages)}. See /admin/outbox.");
        }
    }
}
