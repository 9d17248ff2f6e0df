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

    public async Task<DigestRunResult> RunAsync(IsoWeekId week, bool dryRun, CancellationToken ct = default)
    {
        var weekKey = week.ToString();
        var done = (await db.QueryAsync<long>(Sql.DeliveredUsers, new { IsoWeek = weekKey }, ct)).ToHashSet();
        var items = new List<DigestPlanItem>();
        var pdfs = new Dictionary<string, EmailAttachment?>(StringComparer.Ordinal);
        foreach (var recipient in await builder.RecipientsAsync(ct))
        {
            ct.ThrowIfCancellationRequested();
            if (done.Contains(recipient.UserId))
            {
                items.Add(new DigestPlanItem(recipient.UserId, recipient.Email, null, DigestOutcome.AlreadySent, null));
                continue;
            }

            try
            {
                var content = await builder.BuildAsync(recipient, week, ct);
                if (!dryRun)
                {
                    // One PDF per language and chain, not one per leader.
                    content.Attachments.AddRange(await builder.GapPdfsAsync(recipient, pdfs, ct));
                }

                var rendered = renderer.Render(content);
                var counts = DigestCounts.Of(content);
                if (dryRun)
                {
                    items.Add(new DigestPlanItem(recipient.UserId, recipient.Email, rendered.Subject, DigestOutcome.WouldSend, counts));
                    continue;
                }

                var queued = await QueueAsync(recipient, week, content, rendered, ct);
                items.Add(new DigestPlanItem(recipient.UserId, recipient.Email, rendered.Subject, queued ? DigestOutcome.Queued : DigestOutcome.AlreadySent, counts));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Digest {Week} for user {UserId} could not be built", weekKey, recipient.UserId);
                items.Add(new DigestPlanItem(recipient.UserId, recipient.Email, null, DigestOutcome.Failed, null, ex.Message));
            }
        }

        if (!dryRun)
        {
            await builder.RecordGapBaselineAsync(ct);
        }

        return new DigestRunResult(week, dryRun, items);
    }

    /// <summary>True when this call made the decision; false when the (user, week) row was already there.</summary>
    private async Task<bool> QueueAsync(DigestRecipient recipient, IsoWeekId week, DigestContent content, RenderedDigest rendered, CancellationToken ct)
    {
        var weekKey = week.ToString();
        var args = new { recipient.UserId, IsoWeek = weekKey, content.ItemCount, Now = clock.GetUtcNow().UtcDateTime };
        try
        {
            return await db.InTransactionAsync(async session =>
            {
                // Takes the write lock first (SQLite) / the key (SQL Server): concurrent runs queue up here.
                if (await session.Connection.ExecuteAsync(Sql.Claim, args, session.Transaction) == 0)
                {
                    return false;
                }

                var message = new EmailMessage(
                    Outbox.NewMessageId(emailOptions.Value.From), recipient.Email, recipient.DisplayName,
                    rendered.Subject, rendered.Html, rendered.Text, content.Attachments);
                var id = await outbox.EnqueueAsync(session, $"digest:{weekKey}:user:{recipient.UserId}", message);
                await session.Connection.ExecuteAsync(Sql.Link, new { recipient.UserId, IsoWeek = weekKey, OutboxMessageId = id }, session.Transaction);
                return true;
            }, ct);
        }
        catch (Exception ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return false; // another node decided at the same moment
        }
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
