using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Pdf;
using InvestmentCrm.Web.Infrastructure.Web;

namespace InvestmentCrm.Web.Features.Reports.Briefs;

/// <summary>The prospect brief (招商项目简报) of one project, in the requester's language.</summary>
public sealed class BriefGenerator(IDb db, HtmlTemplates templates, Display show, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l, Features.Gaps.GapAnalyser gaps) : IDocumentGenerator
{
    public string Kind => DocumentKinds.Brief;

    public async Task<RenderedDocument?> RenderAsync(string subject, string culture, DateTime generatedAtUtc, CancellationToken ct)
    {
        var data = await BriefData.LoadAsync(db, subject, ct);
        if (data is null)
        {
            return null;
        }

        // Which gap each target link is, from the gap analyser, with its reasons in the brief's language.
        var nodeGaps = new Dictionary<string, BriefGap>(StringComparer.OrdinalIgnoreCase);
        foreach (var chainCode in data.Nodes.Select(n => n.ChainCode).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (await gaps.AnalyseAsync(chainCode, listProjectsFor: null, ct) is not { } chain)
            {
                continue;
            }

            AppCultures.With(culture, () =>
            {
                foreach (var node in chain.Nodes.Where(n => data.Nodes.Any(d => d.ChainCode == chainCode && d.NodeCode == n.Code)))
                {
                    nodeGaps[chainCode + ":" + node.Code] = new BriefGap(node.Status, Features.Gaps.GapText.Status(l, node.Status), node.Rank, node.Score, Features.Gaps.GapText.Reasons(l, chain, node));
                }

                return 0;
            });
        }

        var html = await templates.RenderAsync<BriefDocument>(
            new Dictionary<string, object?> { [nameof(BriefDocument.Data)] = data, [nameof(BriefDocument.GeneratedAtUtc)] = generatedAtUtc, [nameof(BriefDocument.Gaps)] = nodeGaps },
            culture);
        return AppCultures.With(culture, () =>
        {
            var title = l["Brief.Title"] + " — " + data.Project.Title;
            var chrome = new PdfChrome(
                l["Pdf.Internal"],
                title,
                l["Pdf.GeneratedAt", show.DateTime(generatedAtUtc)]);
            var stamp = show.Local(generatedAtUtc).ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
            return new RenderedDocument(title, $"brief-{FileNames.Safe(data.Project.Code)}-{stamp}.pdf", html, chrome);
        });
    }
}

/// <summary>A target link's result in the gap analysis (Gaps/GapAnalyser).</summary>
public sealed record BriefGap(string Status, string StatusText, int? Rank, double Score, IReadOnlyList<string> Reasons);

/// <summary>Keeps a file name to letters, digits, '-', '_' and '.', so it is safe in a header and on any disk.</summary>
public static class FileNames
{
    public static string Safe(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        return chars.Length == 0 ? "document" : new string(chars);
    }
}
