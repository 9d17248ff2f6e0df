using Dapper;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Infrastructure.Mail;

/// <summary>Message statuses in <c>OutboxMessages.Status</c>.</summary>
public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Sending, Sent, Failed];
}

/// <summary>
/// Puts messages into the outbox inside the caller's transaction, so a message exists exactly when the decision
/// to send it was committed. The sender job delivers them later.
/// </summary>
public sealed class Outbox(TimeProvider clock)
{
    /// <summary>Adds the message and returns its row id; a message with the same dedup key makes the insert fail.</summary>
    public async Task<long> EnqueueAsync(DbSession session, string dedupKey, EmailMessage message)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var id = await session.InsertAsync(Sql.Insert, new
        {
            message.MessageId,
            DedupKey = dedupKey,
            message.ToAddress,
            message.ToName,
            message.Subject,
            message.HtmlBody,
            message.TextBody,
            Status = OutboxStatus.Pending,
            Now = now,
        });
        foreach (var attachment in message.Attachments)
        {
            await session.Connection.ExecuteAsync(Sql.InsertAttachment, new
            {
                OutboxMessageId = id,
                attachment.FileName,
                attachment.ContentType,
                attachment.Content,
            }, session.Transaction);
        }

        return id;
    }

    /// <summary>A fresh RFC 5322 Message-ID on the sender's domain.</summary>
    public static string NewMessageId(string fromAddress)
    {
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < fromAddress.Length - 1 ? fromAddress[(at + 1)..] : "investmentcrm.local";
        return $"<{Guid.NewGuid():N}@{domain}>";
    }

    internal static class Sql
    {
        public const string Insert = """
            INSERT INTO OutboxMessages (MessageId, DedupKey, ToAddress, ToName, Subject, HtmlBody, TextBody, Status, Attempts, NextAttemptAtUtc, CreatedAtUtc)
            VALUES (@MessageId, @DedupKey, @ToAddress, @ToName, @Subject, @HtmlBody, @TextBody, @Status, 0, @Now, @Now)
            """;

        public const string InsertAttachment = """
            INSERT INTO OutboxAttachments (OutboxMessageId, FileName, ContentType, Content)
            VALUES (@OutboxMessageId, @FileName, @ContentType, @Content)
            """;
    }
}
