using Hangfire;
using InvestmentCrm.Web.Infrastructure.Mail;

namespace InvestmentCrm.Web.Features.Digest;

/// <summary>
/// The e-mail services and the two e-mail jobs: the weekly digest and the outbox sender, recurring jobs declared
/// in Infrastructure/Jobs/RecurringJobs.cs. The work is in <see cref="DigestScheduler"/> and <see cref="OutboxSender"/>;
/// the jobs only call them.
/// </summary>
public static class EmailJobs
{
    /// <summary>The services the jobs and the CLI need; called from AppHost.</summary>
    public static void AddServices(IServiceCollection services)
    {
        EmailOptions.Add(services);
        services.AddSingleton<IEmailTransport, MailKitEmailTransport>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<DigestRenderer>();
        services.AddScoped<IGapDigestSource, GapDigestSource>();
        services.AddTransient<DigestBuilder>();
        services.AddTransient<DigestScheduler>();
        services.AddTransient<OutboxSender>();
        services.AddScoped<DigestJob>();
        services.AddScoped<OutboxSendJob>();
    }
}

/// <summary>
/// Queues the digest of the last complete ISO week for everyone who has not had it, then sends what is due. A run
/// with digests that could not be built fails (visible on the dashboard) and is retried after 5, 15 and 60 minutes;
/// each run queues only what is still missing (DigestDeliveries is unique per user and week).
/// </summary>
public sealed class DigestJob(DigestScheduler scheduler, OutboxSender sender, TimeProvider clock, ILogger<DigestJob> logger)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [300, 900, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var week = scheduler.LastCompleteWeek(clock.GetUtcNow());
        var result = await scheduler.RunAsync(week, dryRun: false, cancellationToken);
        var sent = await sender.SendDueAsync(cancellationToken);
        logger.LogInformation("Digest {Week}: {Queued} queued, {Already} already sent, {Failed} failed; outbox sent {Sent}",
            week, result.Count(DigestOutcome.Queued), result.Count(DigestOutcome.AlreadySent), result.Count(DigestOutcome.Failed), sent.Sent);
        if (result.Count(DigestOutcome.Failed) > 0)
        {
            throw new InvalidOperationException($"Digest {week}: {result.Count(DigestOutcome.Failed)} digests could not be built: " +
                string.Join("; ", result.Items.Where(i => i.Outcome == DigestOutcome.Failed).Select(i => $"{i.Email}: {i.Error}")));
        }
    }
}

/// <summary>
/// Sends due outbox messages. Retries are scheduled on the messages themselves (and the next run comes a minute
/// later), so Hangfire does not retry the run; a run that gave up on a message ends Failed on the dashboard, naming
/// the messages, which /admin/outbox lists with their errors.
/// </summary>
public sealed class OutboxSendJob(OutboxSender sender)
{
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await sender.SendDueAsync(cancellationToken);
        if (result.Failed > 0)
        {
            throw new InvalidOperationException(
                $"Outbox: {result.Failed} message(s) failed for good: {string.Join("; ", result.FailedMessages)}. See /admin/outbox.");
        }
    }
}
