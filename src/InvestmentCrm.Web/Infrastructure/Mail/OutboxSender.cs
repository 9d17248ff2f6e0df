using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Mail;

/// <summary>What one run of the sender did.</summary>
public sealed record OutboxRunResult(int Sent, int Retrying, int Failed)
{
    /// <summary>"#id to address: error" of each message given up in this run.</summary>
    public IReadOnlyList<string> FailedMessages { get; init; } = [];

    public int Attempted => Sent + Retrying + Failed;
}

/// <summary>
/// Delivers due outbox messages. Each message is claimed with a conditional UPDATE (one sender wins even with
/// several nodes), sent, then marked sent; a failure schedules the next attempt with exponential back-off, and
/// after <see cref="EmailOptions.OutboxSettings.MaxAttempts"/> the message is marked failed with its error for the
/// administrators. A sender that dies after claiming loses the claim when its lease runs out.
/// </summary>
public sealed class OutboxSender(IDb db, IEmailTransport transport, TimeProvider clock, IOptions<EmailOptions> options, ILogger<OutboxSender> logger)
{
    /// <summary>Sends every message due now, batch after batch; each message is tried at most once per call.</summary>
    public async Task<OutboxRunResult> SendDueAsync(CancellationToken ct = default)
    {
        var settings = options.Value.Outbox;
        var take = Math.Max(1, settings.BatchSize);
        var tried = new HashSet<long>();
        var failedMessages = new List<string>();
        int sent = 0, retrying = 0, failed = 0;
        while (true)
        {
            var due = await db.QueryAsync<long>(Sql.Due, new
            {
                Pending = OutboxStatus.Pending,
                Sending = OutboxStatus.Sending,
                Now = clock.GetUtcNow().UtcDateTime,
                Skip = 0,
                Take = take,
            }, ct);
            var fresh = due.Where(tried.Add).ToList();
            foreach (var id in fresh)
            {
                ct.ThrowIfCancellationRequested();
                switch (await SendOneAsync(id, settings, failedMessages, ct))
                {
                    case Outcome.Sent:
                        sent++;
                        break;
                    case Outcome.Retrying:
                        retrying++;
                        break;
                    case Outcome.Failed:
                        failed++;
                        break;
                }
            }

            if (due.Count < take || fresh.Count == 0)
            {
                return new OutboxRunResult(sent, retrying, failed) { FailedMessages = failedMessages };
            }
        }
    }

    private enum Outcome
    {
        NotClaimed,
        Sent,
        Retrying,
        Failed,
    }

    private async Task<Outcome> SendOneAsync(long id, EmailOptions.OutboxSettings settings, List<string> failedMessages, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.ExecuteAsync(Sql.Claim, new
        {
            Id = id,
            Pending = OutboxStatus.Pending,
            Sending = OutboxStatus.Sending,
            Now = now,
            LockedUntil = now.AddSeconds(Math.Max(30, settings.LeaseSeconds)),
        }, ct);
        if (claimed == 0)
        {
            return Outcome.NotClaimed; // another sender took it, or it is no longer due
        }

        var message = await LoadAsync(id, ct);
        try
        {
            await transport.SendAsync(message.Email, ct);
            await db.ExecuteAsync(Sql.MarkSent, new { Id = id, Sent = OutboxStatus.Sent, Now = clock.GetUtcNow().UtcDateTime }, CancellationToken.None);
            return Outcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var error = Describe(ex);
            if (message.Attempts >= settings.MaxAttempts)
            {
                await db.ExecuteAsync(Sql.MarkFailed, new { Id = id, Failed = OutboxStatus.Failed, Error = error }, CancellationToken.None);
                logger.LogError(ex, "Outbox message {Id} to {To} failed for good after {Attempts} attempts", id, message.Email.ToAddress, message.Attempts);
                failedMessages.Add($"#{id} to {message.Email.ToAddress}: {error}");
                return Outcome.Failed;
            }

            var next = clock.GetUtcNow().UtcDateTime + Backoff(message.Attempts, settings);
            await db.ExecuteAsync(Sql.Reschedule, new { Id = id, Pending = OutboxStatus.Pending, Error = error, Next = next }, CancellationToken.None);
            logger.LogWarning(ex, "Outbox message {Id} to {To}: attempt {Attempts} failed, next at {Next:u}", id, message.Email.ToAddress, message.Attempts, next);
            return Outcome.Retrying;
        }
    }

    /// <summary>First retry after FirstRetrySeconds, then doubling, never longer than MaxRetrySeconds.</summary>
    public static TimeSpan Backoff(int attemptsSoFar, EmailOptions.OutboxSettings settings)
    {
        var exponent = Math.Clamp(attemptsSoFar - 1, 0, 30);
        var seconds = Math.Min((double)settings.MaxRetrySeconds, settings.FirstRetrySeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(Math.Max(1, seconds));
    }

    private static string Describe(Exception ex)
    {
        var text = ex.InnerException is null ? $"{ex.GetType().Name}: {ex.Message}" : $"{ex.GetType().Name}: {ex.Message} ({ex.InnerException.Message})";
        return text.Length > 2000 ? text[..2000] : text;
    }

    private async Task<(EmailMessage Email, int Attempts)> LoadAsync(long id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<MessageRow>(Sql.Load, new { Id = id }, ct)
            ?? throw new InvalidOperationException($"Outbox message {id} vanished.");
        var attachments = await db.QueryAsync<AttachmentRow>(Sql.Attachments, new { Id = id }, ct);
        return (new EmailMessage(
            row.MessageId, row.ToAddress, row.ToName, row.Subject, row.HtmlBody, row.TextBody,
            attachments.Select(a => new EmailAttachment(a.FileName, a.ContentType, a.Content)).ToList()), row.Attempts);
    }

    private sealed class MessageRow
    {
        public string MessageId { get; init; } = string.Empty;

        public string ToAddress { get; init; } = string.Empty;

        public string? ToName { get; init; }

        public string Subject { get; init; } = string.Empty;

        public string HtmlBody { get; init; } = string.Empty;

        public string TextBody { get; init; } = string.Empty;

        public int Attempts { get; init; }
    }

    private sealed record AttachmentRow(string FileName, string ContentType, byte[] Content);

    internal static class Sql
    {
        public const string Due = """
            SELECT Id FROM OutboxMessages
            WHERE (Status = @Pending AND NextAttemptAtUtc <= @Now) OR (Status = @Sending AND LockedUntilUtc < @Now)
            ORDER BY NextAttemptAtUtc, Id
            /**paging**/
            """;

        // Attempts counts the attempt being made now, so a sender that dies mid-send still uses one up.
        public const string Claim = """
            UPDATE OutboxMessages
            SET Status = @Sending, LockedUntilUtc = @LockedUntil, Attempts = Attempts + 1
            WHERE Id = @Id
              AND ((Status = @Pending AND NextAttemptAtUtc <= @Now) OR (Status = @Sending AND LockedUntilUtc < @Now))
            """;

        public const string Load = """
            SELECT MessageId, ToAddress, ToName, Subject, HtmlBody, TextBody, Attempts
            FROM OutboxMessages WHERE Id = @Id
            """;

        public const string Attachments = """
            SELECT FileName, ContentType, Content FROM OutboxAttachments WHERE OutboxMessageId = @Id ORDER BY Id
            """;

        public const string MarkSent = """
            UPDATE OutboxMessages SET Status = @Sent, SentAtUtc = @Now, LockedUntilUtc = NULL, LastError = NULL WHERE Id = @Id
            """;

        public const string MarkFailed = """
            UPDATE OutboxMessages SET Status = @Failed, LockedUntilUtc = NULL, LastError = @Error WHERE Id = @Id
            """;

        public const string Reschedule = """
            UPDATE OutboxMessages SET Status = @Pending, LockedUntilUtc = NULL, LastError = @Error, NextAttemptAtUtc = @Next WHERE Id = @Id
            """;

        public const string Retry = """
            UPDATE OutboxMessages SET Status = @Pending, Attempts = 0, NextAttemptAtUtc = @Now, LastError = NULL
            WHERE Id = @Id AND Status = @Failed
            """;
    }
}
