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
/// Delivers due outbox messages. Each message is claimed with a conditional UPDATE that marks it "sending" under a
/// fresh attempt id and a lease (one sender wins even with several nodes), handed to the transport, then marked
/// sent; a failure schedules the next attempt with exponential back-off, and after
/// <see cref="EmailOptions.OutboxSettings.MaxAttempts"/> the message is marked failed with its error for the
/// administrators. Only the attempt that holds the claim records its outcome.
/// <para>
/// What remains at-least-once: a sender that dies (kill -9, power) after the mail server accepted the message but
/// before it was marked sent leaves it "sending"; when the lease runs out another sender sends it again, with the
/// same Message-ID, which mail clients use to drop the duplicate. The send is cancelled a minute before the lease
/// ends (<see cref="EmailOptions.OutboxSettings.AttemptTimeout"/>), so a takeover never overlaps a live attempt.
/// The pickup directory needs none of this: a message written twice is the same file.
/// </para>
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
        var attemptId = Guid.NewGuid().ToString("N");
        var claimed = await db.ExecuteAsync(Sql.Claim, new
        {
            Id = id,
            Pending = OutboxStatus.Pending,
            Sending = OutboxStatus.Sending,
            Now = now,
            LockedUntil = now.AddSeconds(settings.LeaseSeconds),
            AttemptId = attemptId,
        }, ct);
        if (claimed == 0)
        {
            return Outcome.NotClaimed; // another sender took it, or it is no longer due
        }

        var message = await LoadAsync(id, ct);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(settings.AttemptTimeout);
        try
        {
            await transport.SendAsync(message.Email, attempt.Token);
            await RecordAsync(Sql.MarkSent, new { Id = id, AttemptId = attemptId, Sent = OutboxStatus.Sent, Now = clock.GetUtcNow().UtcDateTime }, id, attemptId);
            return Outcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var error = attempt.IsCancellationRequested ? $"Timed out after {settings.AttemptTimeout.TotalSeconds:0} s: {Describe(ex)}" : Describe(ex);
            if (message.Attempts >= settings.MaxAttempts)
            {
                await RecordAsync(Sql.MarkFailed, new { Id = id, AttemptId = attemptId, Failed = OutboxStatus.Failed, Error = Clip(error) }, id, attemptId);
                logger.LogError(ex, "Outbox message {Id} to {To} failed for good after {Attempts} attempts", id, message.Email.ToAddress, message.Attempts);
                failedMessages.Add($"#{id} to {message.Email.ToAddress}: {error}");
                return Outcome.Failed;
            }

            var next = clock.GetUtcNow().UtcDateTime + Backoff(message.Attempts, settings);
            await RecordAsync(Sql.Reschedule, new { Id = id, AttemptId = attemptId, Pending = OutboxStatus.Pending, Error = Clip(error), Next = next }, id, attemptId);
            logger.LogWarning(ex, "Outbox message {Id} to {To}: attempt {Attempts} failed, next at {Next:u}", id, message.Email.ToAddress, message.Attempts, next);
            return Outcome.Retrying;
        }
    }

    /// <summary>Records an attempt's outcome, unless another sender took the message over in the meantime.</summary>
    private async Task RecordAsync(string sql, object args, long id, string attemptId)
    {
        if (await db.ExecuteAsync(sql, args, CancellationToken.None) == 0)
        {
            logger.LogWarning("Outbox message {Id}: attempt {Attempt} ended after its lease; the sender that took over records the outcome", id, attemptId);
        }
    }

    /// <summary>First retry after FirstRetrySeconds, then doubling, never longer than MaxRetrySeconds.</summary>
    public static TimeSpan Backoff(int attemptsSoFar, EmailOptions.OutboxSettings settings)
    {
        var exponent = Math.Clamp(attemptsSoFar - 1, 0, 30);
        var seconds = Math.Min((double)settings.MaxRetrySeconds, settings.FirstRetrySeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(Math.Max(1, seconds));
    }

    private static string Describe(Exception ex) =>
        ex.InnerException is null ? $"{ex.GetType().Name}: {ex.Message}" : $"{ex.GetType().Name}: {ex.Message} ({ex.InnerException.Message})";

    private static string Clip(string text) => text.Length > 2000 ? text[..2000] : text;

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
            SET Status = @Sending, LockedUntilUtc = @LockedUntil, Attempts = Attempts + 1, AttemptId = @AttemptId
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
            UPDATE OutboxMessages SET Status = @Sent, SentAtUtc = @Now, LockedUntilUtc = NULL, LastError = NULL
            WHERE Id = @Id AND AttemptId = @AttemptId
            """;

        public const string MarkFailed = """
            UPDATE OutboxMessages SET Status = @Failed, LockedUntilUtc = NULL, LastError = @Error
            WHERE Id = @Id AND AttemptId = @AttemptId
            """;

        public const string Reschedule = """
            UPDATE OutboxMessages SET Status = @Pending, LockedUntilUtc = NULL, LastError = @Error, NextAttemptAtUtc = @Next
            WHERE Id = @Id AND AttemptId = @AttemptId
            """;

        public const string Retry = """
            UPDATE OutboxMessages SET Status = @Pending, Attempts = 0, NextAttemptAtUtc = @Now, LastError = NULL
            WHERE Id = @Id AND Status = @Failed
            """;
    }
}
