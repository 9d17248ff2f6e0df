using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Gaps;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Mail;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Digest;

/// <summary>
/// The leaders' gap section from the gap analyser: the chain's top gaps now, and the gaps opened or closed since
/// the previous digest's snapshot (each real digest run keeps one, <see cref="RecordBaselineAsync"/>; see
/// <see cref="BaselineAsync"/> for a chain's first digest).
/// </summary>
public sealed class GapDigestSource(
    GapSnapshots snapshots,
    Infrastructure.Data.IDb db,
    IOptions<AppOptions> appOptions,
    Features.Reports.Documents documents,
    Microsoft.Extensions.Localization.IStringLocalizer<Infrastructure.Localization.SharedResource> l,
    ILogger<GapDigestSource> logger) : IGapDigestSource
{
    private readonly Dictionary<(string, IsoWeekId), ChainGapDigest?> cache = [];

    public async Task<ChainGapDigest?> ChainAsync(string chainCode, IsoWeekId week, int top, CancellationToken ct)
    {
        if (cache.TryGetValue((chainCode, week), out var cached))
        {
            return cached;
        }

        var baseline = await BaselineAsync(chainCode, week, ct);
        var comparison = baseline is null
            ? await snapshots.CompareAsync(chainCode, DateTime.MinValue, ct) // no snapshot: the current gaps only
            : await snapshots.CompareWithAsync(chainCode, baseline.Id, ct);
        ChainGapDigest? digest = null;
        if (comparison is not null)
        {
            var current = comparison.Current;
            digest = new ChainGapDigest(
                current.Code,
                current.Name,
                [.. current.Ranked.Take(top).Select(n => new GapDigestItem(n.Code, n.Name, n.Status, n.Rank, n.Score, n.NameEn))],
                [.. comparison.Changes.Opened.Select(c => new GapDigestItem(c.Code, c.Name, c.StatusAfter, c.RankAfter, c.ScoreAfter, c.NameEn))],
                [.. comparison.Changes.Closed.Select(c => new GapDigestItem(c.Code, c.Name, c.StatusAfter, c.RankAfter, c.ScoreAfter, c.NameEn))],
                current.NameEn,
                comparison.Previous?.TakenAtUtc);
        }

        cache[(chainCode, week)] = digest;
        return digest;
    }

    /// <summary>
    /// What "opened or closed" in the digest of <paramref name="week"/> is measured against: the snapshot the previous
    /// digest run kept (the newest "digest" snapshot taken before the week ended). Without one — the first digest of
    /// a chain — the state at the week's start (the newest snapshot of any kind before it), else the earliest state
    /// recorded during the week. The first digest after HANG was closed once said no gap changed because it looked
    /// only for a snapshot before the week.
    /// </summary>
    private async Task<BaselineRow?> BaselineAsync(string chainCode, IsoWeekId week, CancellationToken ct)
    {
        var zone = appOptions.Value.FindTimeZone();
        var args = new
        {
            Code = chainCode.Trim().ToUpperInvariant(),
            WeekStartUtc = LocalTime.StartUtc(week.Monday, zone),
            WeekEndUtc = LocalTime.StartUtc(week.NextMonday, zone),
            Skip = 0,
            Take = 1,
        };
        return await db.QuerySingleOrDefaultAsync<BaselineRow>(Sql.PreviousDigest, args, ct)
            ?? await db.QuerySingleOrDefaultAsync<BaselineRow>(Sql.BeforeWeek, args, ct)
            ?? await db.QuerySingleOrDefaultAsync<BaselineRow>(Sql.EarliestInWeek, args, ct);
    }

    private sealed class BaselineRow
    {
        public long Id { get; set; }

        public DateTime TakenAtUtc { get; set; }
    }

    private readonly Dictionary<(string, string), EmailAttachment?> pdfs = [];

    /// <summary>The chain-gap report (Pdf/ChainGaps) in the recipient's language, printed once per chain and
    /// language per digest run; null for an unknown chain.</summary>
    public async Task<EmailAttachment?> ChainPdfAsync(string chainCode, string culture, CancellationToken ct)
    {
        var language = Infrastructure.Localization.AppCultures.Match(culture) ?? Infrastructure.Localization.AppCultures.Chinese;
        if (pdfs.TryGetValue((chainCode, language), out var cached))
        {
            return cached;
        }

        var pdf = await documents.GenerateAsync(Features.Reports.DocumentKinds.ChainGap, chainCode, language, ct);
        EmailAttachment? attachment = null;
        if (pdf is not null)
        {
            var month = pdf.FileName.Length >= 11 ? pdf.FileName[^11..^4] : "";
            var name = Infrastructure.Localization.AppCultures.With(language, () => l["ChainGap.AttachmentName", chainCode.Trim().ToUpperInvariant(), month].Value);
            attachment = new EmailAttachment(name, "application/pdf", pdf.Content);
        }

        pdfs[(chainCode, language)] = attachment;
        return attachment;
    }

    public async Task RecordBaselineAsync(CancellationToken ct)
    {
        foreach (var code in await db.QueryAsync<string>(Sql.ChainCodes, ct: ct))
        {
            try
            {
                await snapshots.RecordAsync(code, "digest", ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Gap baseline of chain {Chain} not recorded", code);
            }
        }
    }

    internal static class Sql
    {
        public const string ChainCodes = "SELECT Code FROM Chains ORDER BY Code";

        private const string Snapshots = """
            SELECT s.Id, s.TakenAtUtc
            FROM GapSnapshots s
            JOIN Chains c ON c.Id = s.ChainId
            WHERE c.Code = @Code
            """;

        public const string PreviousDigest = Snapshots + " AND s.TakenBy = 'digest' AND s.TakenAtUtc < @WeekEndUtc ORDER BY s.TakenAtUtc DESC, s.Id DESC " + SqlText.Paging;

        public const string BeforeWeek = Snapshots + " AND s.TakenAtUtc < @WeekStartUtc ORDER BY s.TakenAtUtc DESC, s.Id DESC " + SqlText.Paging;

        public const string EarliestInWeek = Snapshots + " AND s.TakenAtUtc < @WeekEndUtc ORDER BY s.TakenAtUtc, s.Id " + SqlText.Paging;
    }
}
