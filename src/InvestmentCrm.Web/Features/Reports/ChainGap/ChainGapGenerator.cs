using System.Globalization;
using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Gaps;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Pdf;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Reports.ChainGap;

/// <summary>What the chain-gap report shows: the analysis, the targets recommended for the top gaps, and the
/// changes since the previous report (null <paramref name="Previous"/> = this is the first report).</summary>
public sealed record ChainGapReportData(
    ChainGaps Chain,
    IReadOnlyDictionary<string, IReadOnlyList<TargetCandidate>> Targets,
    GapSnapshotInfo? Previous,
    GapChanges Changes);

/// <summary>
/// 产业链缺口分析报告: one chain, for leadership — it names every team's projects, so only Leaders and Admins may
/// read it (<see cref="ReportAccess"/>). Each generation records a gap snapshot taken by "report" and compares
/// the result with the previous report's snapshot, so the report says what changed since the last one.
/// </summary>
public sealed class ChainGapGenerator(GapSnapshots snapshots, GapAnalyser analyser, HtmlTemplates templates, Display show, IStringLocalizer<SharedResource> l) : IDocumentGenerator
{
    /// <summary>The snapshot source of reports (GapSnapshots.TakenBy).</summary>
    public const string SnapshotSource = "report";

    /// <summary>How many of the top gaps get recommended targets, and how many each.</summary>
    public const int GapsWithTargets = 5;
    public const int TargetsPerGap = 3;

    public string Kind => DocumentKinds.ChainGap;

    public async Task<RenderedDocument?> RenderAsync(string subject, string culture, DateTime generatedAtUtc, CancellationToken ct)
    {
        var code = subject.Trim().ToUpperInvariant();
        var previous = await snapshots.LatestTakenByAsync(code, SnapshotSource, ct);
        // A leadership document (ReportAccess): it names every team's covering projects.
        var recorded = await snapshots.RecordAsync(code, SnapshotSource, ProjectScope.Everything, ct);
        if (recorded is null)
        {
            return null;
        }

        var chain = recorded.Current;
        var changes = previous is null ? GapChanges.Empty : GapDiff.Between(previous.Nodes, chain);

        var targets = new Dictionary<string, IReadOnlyList<TargetCandidate>>(StringComparer.Ordinal);
        foreach (var gap in chain.Ranked.Take(GapsWithTargets))
        {
            targets[gap.Code] = await analyser.RecommendAsync(chain.Code, gap.Code, TargetsPerGap, ct);
        }

        var data = new ChainGapReportData(
            chain,
            targets,
            previous?.Info,
            changes);
        var html = await templates.RenderAsync<ChainGapDocument>(
            new Dictionary<string, object?> { [nameof(ChainGapDocument.Data)] = data, [nameof(ChainGapDocument.GeneratedAtUtc)] = generatedAtUtc },
            culture);
        return AppCultures.With(culture, () =>
        {
            var title = l["ChainGap.Title"] + " — " + GapText.Name(chain);
            var chrome = new PdfChrome(l["Pdf.Internal"], title, l["Pdf.GeneratedAt", show.DateTime(generatedAtUtc)]);
            return new RenderedDocument(title, $"chain-gap-{Features.Reports.Briefs.FileNames.Safe(chain.Code)}-{Month(generatedAtUtc)}.pdf", html, chrome);
        });
    }

    /// <summary>The report as PDF bytes, in the culture; null for an unknown chain (the digest's attachment).</summary>
    public static async Task<byte[]?> RenderPdfAsync(Documents documents, string chainCode, string culture, CancellationToken ct) =>
        (await documents.GenerateAsync(DocumentKinds.ChainGap, chainCode, culture, ct))?.Content;

    /// <summary>The month of a report as yyyy-MM in the app's time zone.</summary>
    public string Month(DateTime utc) => show.Local(utc).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
