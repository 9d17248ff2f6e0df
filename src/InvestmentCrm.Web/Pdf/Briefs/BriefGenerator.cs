using InvestmentCrm.Web.Data;
using InvestmentCrm.Web.Infrastructure;
using InvestmentCrm.Web.Localization;
using InvestmentCrm.Web.Pdf.Templates;

namespace InvestmentCrm.Web.Pdf.Briefs;

/// <summary>The prospect brief (招商项目简报) of one project, in the requester's language.</summary>
public sealed class BriefGenerator(IDb db, HtmlTemplates templates, Display show, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : IDocumentGenerator
{
    public string Kind => DocumentKinds.Brief;

    public async Task<RenderedDocument?> RenderAsync(string subject, string culture, DateTime generatedAtUtc, CancellationToken ct)
    {
        var data = await BriefData.LoadAsync(db, subject, ct);
        if (data is null)
        {
            return null;
        }

        var html = await templates.RenderAsync<BriefDocument>(
            new Dictionary<string, object?> { [nameof(BriefDocument.Data)] = data, [nameof(BriefDocument.GeneratedAtUtc)] = generatedAtUtc },
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

/// <summary>Keeps a file name to letters, digits, '-', '_' and '.', so it is safe in a header and on any disk.</summary>
public static class FileNames
{
    public static string Safe(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        return chars.Length == 0 ? "document" : new string(chars);
    }
}
