using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Gaps;
using InvestmentCrm.Web.Infrastructure.Mail;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Digest;

/// <summary>
/// The leaders' gap section from the gap analyser: the chain's top gaps now, and the gaps opened or closed since
/// the snapshot kept at the start of the week (each real digest run keeps one, <see cref="RecordBaselineAsync"/>).
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

        // The baseline: the latest snapshot taken before the end of the week's first day (the previous digest run
        // keeps one on Monday morning).
        var zone = appOptions.Value.FindTimeZone();
        var baselineBefore = LocalTime.StartUtc(week.Monday.AddDays(1), zone);
        var comparison = await snapshots.CompareAsync(chainCode, baselineBefore, ct);
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
                current.NameEn);
        }

        cache[(chainCode, week)] = digest;
        return digest;
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
    }
}
