using Dapper;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Mail;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Digest;

/// <summary>What happened to one recipient's digest in a run.</summary>
public enum DigestOutcome
{
    /// <summary>Built and written to the outbox now.</summary>
    Queued,

    /// <summary>Only built (--dry-run): nothing written.</summary>
    WouldSend,

    /// <summary>This user already has this week's digest (an earlier run, or another node just now).</summary>
    AlreadySent,

    /// <summary>Building it failed; the next run tries again.</summary>
    Failed,
}

public sealed record DigestPlanItem(
    long UserId,
    string Email,
    string? Subject,
    DigestOutcome Outcome,
    DigestCounts? Counts,
    string? Error = null);

/// <summary>Item counts of a digest, as the CLI's --dry-run prints them.</summary>
public sealed record DigestCounts(int StageChanges, int NewProjects, int Signings, int Overdue, int DueThisWeek, int Red, int Yellow, int GapChanges, int Attachments)
{
    public static DigestCounts Of(DigestContent c) => new(
        c.StageChanges.Total, c.NewProjects.Total, c.Signings.Total, c.Overdue.Total, c.DueThisWeek.Total,
        c.RedProjects.Total, c.YellowProjects.Total, c.Gaps.Sum(g => g.Opened.Count + g.Closed.Count), c.Attachments.Count);
}

public sealed record DigestRunResult(IsoWeekId Week, bool DryRun, IReadOnlyList<DigestPlanItem> Items)
{
    public int Count(DigestOutcome outcome) => Items.Count(i => i.Outcome == outcome);
}

/// <summary>
/// Decides who gets the digest of a week and writes each one to the outbox. The decision is a row in
/// DigestDeliveries, unique per (user, ISO week), inserted in the same transaction as the outbox message: a second
/// run, a second node or a run after a crash half-way sends nothing twice and fills in only what is missing.
/// </summary>
public sealed class DigestScheduler(
    IDb db,
    DigestBuilder builder,
    DigestRenderer renderer,
    Outbox outbox,
    TimeProvider clock,
    IOptions<EmailOptions> emailOptions,
    IOptions<AppOptions> appOptions,
    ILogger<DigestScheduler> logger)
{
    /// <summary>The week a run at <paramref name="now"/> reports on: the last complete ISO week in the app's time zone.</summary>
    public IsoWeekId LastCompleteWeek(DateTimeOffset now)
    {
        return IsoWeekId.Of(LocalTime.DayOf(now.UtcDateTime, appOptions.Value.FindTimeZone())).Previous;
    }

    /// <summary>Digests queued per transaction: one commit for many decisions (a commit costs a disk flush).</summary>
    public const int QueueBatch = 50;

    public async Task<DigestRunResult> RunAsync(IsoWeekId week, bool dryRun, CancellationToken ct = default)
    {
        var weekKey = week.ToString();
        var done = (await db.QueryAsync<long>(Sql.DeliveredUsers, new { IsoWeek = weekKey }, ct)).ToHashSet();
        var recipients = await builder.RecipientsAsync(ct);
        var items = new DigestPlanItem[recipients.Count];
        var pdfs = new Dictionary<string, EmailAttachment?>(StringComparer.Ordinal);
        var dispatchPdfs = new Dictionary<string, IReadOnlyList<EmailAttachment>>(StringComparer.Ordinal);
        var run = new DigestRun(week);
        var ready = new List<Built>();
        for (var i = 0; i < recipients.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var recipient = recipients[i];
            if (done.Contains(recipient.UserId))
            {
                items[i] = new DigestPlanItem(recipient.UserId, recipient.Email, null, DigestOutcome.AlreadySent, null);
                continue;
            }

            try
            {
                var content = await builder.BuildAsync(recipient, run, ct);
                if (!dryRun)
                {
                    // One PDF per language and chain, not one per leader.
                    content.Attachments.AddRange(await builder.GapPdfsAsync(recipient, pdfs, ct));
                    content.Attachments.AddRange(await builder.DispatchPdfsAsync(recipient, week, dispatchPdfs, ct));
                }

                var rendered = renderer.Render(content);
                var counts = DigestCounts.Of(content);
                if (dryRun)
                {
                    items[i] = new DigestPlanItem(recipient.UserId, recipient.Email, rendered.Subject, DigestOutcome.WouldSend, counts);
                    continue;
                }

                ready.Add(new Built(i, recipient, content, rendered, counts));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Digest {Week} for user {UserId} could not be built", weekKey, recipient.UserId);
                items[i] = new DigestPlanItem(recipient.UserId, recipient.Email, null, DigestOutcome.Failed, null, ex.Message);
            }

            if (ready.Count >= QueueBatch)
            {
                await QueueAsync(ready, week, items, ct);
                ready.Clear();
            }
        }

        if (ready.Count > 0)
        {
            await QueueAsync(ready, week, items, ct);
        }

        if (!dryRun)
        {
            await builder.RecordGapBaselineAsync(ct);
        }

        return new DigestRunResult(week, dryRun, items);
    }

    /// <summary>A digest built and rendered, waiting to be queued; <see cref="Index"/> is its recipient's place in the run.</summary>
    private sealed record Built(int Index, DigestRecipient Recipient, DigestContent Content, RenderedDigest Rendered, DigestCounts Counts);

    /// <summary>
    /// Queues a batch in one transaction. Should any statement fail (another node decided one of these users at the
    /// same moment, a message the database refused), the batch is undone as a whole and each digest is queued on its
    /// own, so each gets its own outcome; a decision is never made without its message or twice.
    /// </summary>
    private async Task QueueAsync(IReadOnlyList<Built> batch, IsoWeekId week, DigestPlanItem[] items, CancellationToken ct)
    {
        if (batch.Count == 1)
        {
            items[batch[0].Index] = await QueueOneAsync(batch[0], week, ct);
            return;
        }

        try
        {
            var decided = await db.InTransactionAsync(async session =>
            {
                var result = new List<bool>(batch.Count);
                foreach (var built in batch)
                {
                    result.Add(await DecideAsync(session, built, week));
                }

                return result;
            }, ct);
            for (var i = 0; i < batch.Count; i++)
            {
                items[batch[i].Index] = Outcome(batch[i], decided[i]);
            }
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            foreach (var built in batch)
            {
                items[built.Index] = await QueueOneAsync(built, week, ct);
            }
        }
    }

    private async Task<DigestPlanItem> QueueOneAsync(Built built, IsoWeekId week, CancellationToken ct)
    {
        try
        {
            return Outcome(built, await db.InTransactionAsync(session => DecideAsync(session, built, week), ct));
        }
        catch (Exception ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return Outcome(built, decided: false); // another node decided at the same moment
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Failed(built, week, ex);
        }
    }

    private static DigestPlanItem Outcome(Built built, bool decided) =>
        new(built.Recipient.UserId, built.Recipient.Email, built.Rendered.Subject, decided ? DigestOutcome.Queued : DigestOutcome.AlreadySent, built.Counts);

    private DigestPlanItem Failed(Built built, IsoWeekId week, Exception ex)
    {
        logger.LogError(ex, "Digest {Week} for user {UserId} could not be queued", week, built.Recipient.UserId);
        return new DigestPlanItem(built.Recipient.UserId, built.Recipient.Email, null, DigestOutcome.Failed, null, ex.Message);
    }

    /// <summary>True when this call made the decision; false when the (user, week) row was already there.</summary>
    private async Task<bool> DecideAsync(DbSession session, Built built, IsoWeekId week)
    {
        var weekKey = week.ToString();
        var recipient = built.Recipient;
        var args = new { recipient.UserId, IsoWeek = weekKey, built.Content.ItemCount, Now = clock.GetUtcNow().UtcDateTime };
        // Takes the write lock first (SQLite) / the key (SQL Server): concurrent runs queue up here.
        if (await session.Connection.ExecuteAsync(Sql.Claim, args, session.Transaction) == 0)
        {
            return false;
        }

        var message = new EmailMessage(
            Outbox.NewMessageId(emailOptions.Value.From), recipient.Email, recipient.DisplayName,
            built.Rendered.Subject, built.Rendered.Html, built.Rendered.Text, built.Content.Attachments);
        var id = await outbox.EnqueueAsync(session, $"digest:{weekKey}:user:{recipient.UserId}", message);
        await session.Connection.ExecuteAsync(Sql.Link, new { recipient.UserId, IsoWeek = weekKey, OutboxMessageId = id }, session.Transaction);
        return true;
    }

    internal static class Sql
    {
        public const string DeliveredUsers = "SELECT UserId FROM DigestDeliveries WHERE IsoWeek = @IsoWeek";

        public const string Claim = """
            INSERT INTO DigestDeliveries (UserId, IsoWeek, ItemCount, CreatedAtUtc)
            SELECT @UserId, @IsoWeek, @ItemCount, @Now
            WHERE NOT EXISTS (SELECT 1 FROM DigestDeliveries WHERE UserId = @UserId AND IsoWeek = @IsoWeek)
            """;

        public const string Link = "UPDATE DigestDeliveries SET OutboxMessageId = @OutboxMessageId WHERE UserId = @UserId AND IsoWeek = @IsoWeek";
    }
}
