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
    /// <summary>
    /// Sends every message due now, batch after batch, over one connection to the mail server; each message is
    /// tried at most once per call. A batch is claimed with one statement and its sent messages are marked with
    /// one more (two commits per batch, not two per message).
    /// </summary>
    public async Task<OutboxRunResult> SendDueAsync(CancellationToken ct = default)
    {
        var settings = options.Value.Outbox;
        var take = Math.Max(1, settings.BatchSize);
        var tried = new HashSet<long>();
        var run = new Tally();
        await using var delivery = await transport.OpenAsync(ct);
        while (true)
        {
            var claimed = await ClaimAsync(take, settings, ct);
            var fresh = claimed.Messages.Where(m => tried.Add(m.Id)).ToList();
            await SendBatchAsync(claimed.AttemptId, claimed.LockedUntil, fresh, claimed.Messages.Except(fresh).ToList(), delivery, settings, run, ct);
            if (claimed.Messages.Count < take || fresh.Count == 0)
            {
                return new OutboxRunResult(run.Sent, run.Retrying, run.Failed) { FailedMessages = run.FailedMessages };
            }
        }
    }

    private sealed class Tally
    {
        public int Sent { get; set; }

        public int Retrying { get; set; }

        public int Failed { get; set; }

        public List<string> FailedMessages { get; } = [];
    }

    private sealed record Claimed(string AttemptId, DateTime LockedUntil, IReadOnlyList<Queued> Messages);

    private sealed record Queued(long Id, EmailMessage Email, int Attempts);

    /// <summary>Marks up to <paramref name="take"/> due messages "sending" under one fresh attempt id and lease, and reads them.</summary>
    private async Task<Claimed> ClaimAsync(int take, EmailOptions.OutboxSettings settings, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attemptId = Guid.NewGuid().ToString("N");
        var lockedUntil = now.AddSeconds(settings.LeaseSeconds);
        await db.ExecuteAsync(Sql.Claim, new
        {
            Pending = OutboxStatus.Pending,
            Sending = OutboxStatus.Sending,
            Now = now,
            LockedUntil = lockedUntil,
            AttemptId = attemptId,
            Skip = 0,
            Take = take,
        }, ct);
        return new Claimed(attemptId, lockedUntil, await LoadAsync(attemptId, ct));
    }

    /// <summary>
    /// Hands each message of the batch to the mail server. Every attempt ends a minute before the batch's lease
    /// does, so a sender that takes over after the lease never overlaps a live attempt: messages the lease leaves
    /// no time for, and those this call already tried, go back to pending untried.
    /// </summary>
    private async Task SendBatchAsync(string attemptId, DateTime lockedUntil, IReadOnlyList<Queued> batch, IReadOnlyList<Queued> alreadyTried,
        IEmailDelivery delivery, EmailOptions.OutboxSettings settings, Tally run, CancellationToken ct)
    {
        var position = 0;
        try
        {
            for (; position < batch.Count; position++)
            {
                var left = lockedUntil - clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(1);
                if (left <= TimeSpan.Zero || ct.IsCancellationRequested)
                {
                    break;
                }

                await SendOneAsync(attemptId, batch[position], delivery, left < settings.AttemptTimeout ? left : settings.AttemptTimeout, settings, run, ct);
            }
        }
        catch
        {
            // The message in hand may or may not have reached the mail server: it stays "sending", under an attempt
            // id of its own so that it is not marked sent below, and is taken over when its lease runs out (as the
            // message of a sender that died).
            await db.ExecuteAsync(Sql.Detach, new { batch[position].Id, AttemptId = attemptId, Detached = Guid.NewGuid().ToString("N") }, CancellationToken.None);
            position++;
            throw;
        }
        finally
        {
            foreach (var message in alreadyTried.Concat(batch.Skip(position)))
            {
                await db.ExecuteAsync(Sql.Release, new { message.Id, AttemptId = attemptId, Pending = OutboxStatus.Pending }, CancellationToken.None);
            }

            // What is still "sending" under this attempt id was accepted by the mail server.
            await RecordAsync(Sql.MarkSent, new { AttemptId = attemptId, Sending = OutboxStatus.Sending, Sent = OutboxStatus.Sent, Now = clock.GetUtcNow().UtcDateTime }, attemptId);
        }
    }

    private async Task SendOneAsync(string attemptId, Queued message, IEmailDelivery delivery, TimeSpan timeout, EmailOptions.OutboxSettings settings, Tally run, CancellationToken ct)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(timeout);
        try
        {
            await delivery.SendAsync(message.Email, attempt.Token);
            run.Sent++;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var id = message.Id;
            var error = attempt.IsCancellationRequested ? $"Timed out after {timeout.TotalSeconds:0} s: {Describe(ex)}" : Describe(ex);
            if (message.Attempts >= settings.MaxAttempts)
            {
                await RecordAsync(Sql.MarkFailed, new { Id = id, AttemptId = attemptId, Failed = OutboxStatus.Failed, Error = Clip(error) }, attemptId);
                logger.LogError(ex, "Outbox message {Id} to {To} failed for good after {Attempts} attempts", id, message.Email.ToAddress, message.Attempts);
                run.FailedMessages.Add($"#{id} to {message.Email.ToAddress}: {error}");
                run.Failed++;
                return;
            }

            var next = clock.GetUtcNow().UtcDateTime + Backoff(message.Attempts, settings);
            await RecordAsync(Sql.Reschedule, new { Id = id, AttemptId = attemptId, Pending = OutboxStatus.Pending, Error = Clip(error), Next = next }, attemptId);
            logger.LogWarning(ex, "Outbox message {Id} to {To}: attempt {Attempts} failed, next at {Next:u}", id, message.Email.ToAddress, message.Attempts, next);
            run.Retrying++;
        }
    }

    /// <summary>Records an attempt's outcome, unless another sender took the messages over in the meantime.</summary>
    private async Task RecordAsync(string sql, object args, string attemptId)
    {
        if (await db.ExecuteAsync(sql, args, CancellationToken.None) == 0)
        {
            logger.LogDebug("Outbox attempt {Attempt}: nothing left to record (none sent, or taken over after its lease)", attemptId);
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

    /// <summary>The messages claimed under <paramref name="attemptId"/>, in the order they fell due, with their attachments.</summary>
    private async Task<IReadOnlyList<Queued>> LoadAsync(string attemptId, CancellationToken ct)
    {
        var args = new { AttemptId = attemptId, Sending = OutboxStatus.Sending };
        var rows = await db.QueryAsync<MessageRow>(Sql.Load, args, ct);
        var attachments = (await db.QueryAsync<AttachmentRow>(Sql.Attachments, args, ct)).ToLookup(a => a.OutboxMessageId);
        return [.. rows.Select(row => new Queued(row.Id, new EmailMessage(
            row.MessageId, row.ToAddress, row.ToName, row.Subject, row.HtmlBody, row.TextBody,
            [.. attachments[row.Id].Select(a => new EmailAttachment(a.FileName, a.ContentType, a.Content))]), row.Attempts))];
    }

    private sealed class MessageRow
    {
        public long Id { get; init; }

        public string MessageId { get; init; } = string.Empty;

        public string ToAddress { get; init; } = string.Empty;

        public string? ToName { get; init; }

        public string Subject { get; init; } = string.Empty;

        public string HtmlBody { get; init; } = string.Empty;

        public string TextBody { get; init; } = string.Empty;

        public int Attempts { get; init; }
    }

    private sealed record AttachmentRow(long OutboxMessageId, string FileName, string ContentType, byte[] Content);

    internal static class Sql
    {
        // The batch: the due messages, oldest due first, marked "sending" under one attempt id. Attempts counts
        // the attempt being made now, so a sender that dies mid-send still uses one up.
        public const string Claim = """
            UPDATE OutboxMessages
            SET Status = @Sending, LockedUntilUtc = @LockedUntil, Attempts = Attempts + 1, AttemptId = @AttemptId
            WHERE Id IN (
                SELECT Id FROM OutboxMessages
                WHERE (Status = @Pending AND NextAttemptAtUtc <= @Now) OR (Status = @Sending AND LockedUntilUtc < @Now)
                ORDER BY NextAttemptAtUtc, Id
                /**paging**/)
              AND ((Status = @Pending AND NextAttemptAtUtc <= @Now) OR (Status = @Sending AND LockedUntilUtc < @Now))
            """;

        public const string Load = """
            SELECT Id, MessageId, ToAddress, ToName, Subject, HtmlBody, TextBody, Attempts
            FROM OutboxMessages WHERE Status = @Sending AND AttemptId = @AttemptId
            ORDER BY NextAttemptAtUtc, Id
            """;

        public const string Attachments = """
            SELECT a.OutboxMessageId, a.FileName, a.ContentType, a.Content
            FROM OutboxAttachments a
            JOIN OutboxMessages m ON m.Id = a.OutboxMessageId
            WHERE m.Status = @Sending AND m.AttemptId = @AttemptId
            ORDER BY a.Id
            """;

        // Every message of the attempt that is still "sending": the mail server accepted it.
        public const string MarkSent = """
            UPDATE OutboxMessages SET Status = @Sent, SentAtUtc = @Now, LockedUntilUtc = NULL, LastError = NULL
            WHERE Status = @Sending AND AttemptId = @AttemptId
            """;

        public const string Detach = "UPDATE OutboxMessages SET AttemptId = @Detached WHERE Id = @Id AND AttemptId = @AttemptId";

        // A claimed message not tried (no time left on the lease, or already tried in this call): as it was.
        public const string Release = """
            UPDATE OutboxMessages SET Status = @Pending, Attempts = Attempts - 1, LockedUntilUtc = NULL
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
