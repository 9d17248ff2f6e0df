using System.Globalization;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Pdf;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Reports.Dispatch;

/// <summary>
/// The dispatch report as a document (Razor → Chromium like the other reports). Its subject is the month, <c>yyyy-MM</c>,
/// for the bureau's report (a leadership document, <see cref="ReportAccess"/>), or <c>yyyy-MM:USER:TEAM</c> for a staff
/// member's own scope (their team's report, printed for them and not stored).
/// </summary>
public sealed class DispatchGenerator(DispatchQueries queries, ProjectLookups lookups, HtmlTemplates templates, Display show, IStringLocalizer<SharedResource> l) : IDocumentGenerator
{
    public string Kind => DocumentKinds.Dispatch;

    /// <summary>The subject of a reader's report: the month alone for whoever sees all, else the month and their scope.</summary>
    public static string Subject(DispatchMonth month, ProjectScope scope) =>
        scope.SeesAll ? month.ToString() : string.Create(CultureInfo.InvariantCulture, $"{month}:{scope.UserId}:{scope.TeamId}");

    /// <summary>The month and scope a subject names; false for anything <see cref="Subject"/> does not write.</summary>
    public static bool TryParseSubject(string subject, DateOnly today, out DispatchMonth month, out ProjectScope scope)
    {
        var parts = subject.Trim().Split(':');
        scope = ProjectScope.Everything;
        if (!DispatchMonth.TryParse(parts[0], today, out month))
        {
            return false;
        }

        if (parts.Length == 1)
        {
            return true;
        }

        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var user))
        {
            return false;
        }

        long? team = null;
        if (parts[2].Length > 0)
        {
            if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                return false;
            }

            team = t;
        }

        scope = ProjectScope.ForReader(user, team, false);
        return true;
    }

    public async Task<RenderedDocument?> RenderAsync(string subject, string culture, DateTime generatedAtUtc, CancellationToken ct)
    {
        if (!TryParseSubject(subject, lookups.Today, out var month, out var scope))
        {
            return null;
        }

        var report = await queries.LoadAsync(month, scope, ct);
        var html = await templates.RenderAsync<DispatchDocument>(
            new Dictionary<string, object?> { [nameof(DispatchDocument.Report)] = report, [nameof(DispatchDocument.GeneratedAtUtc)] = generatedAtUtc },
            culture);
        return AppCultures.With(culture, () =>
        {
            var title = l["Dispatch.PdfTitle", month.ToString()].Value;
            var chrome = new PdfChrome(l["Pdf.Internal"], title, l["Pdf.GeneratedAt", show.DateTime(generatedAtUtc)]);
            return new RenderedDocument(title, l["Dispatch.FileName", month.ToString()], html, chrome);
        });
    }
}
