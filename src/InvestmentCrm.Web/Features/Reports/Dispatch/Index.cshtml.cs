using System.Globalization;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Pdf;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Reports.Dispatch;

/// <summary>
/// /reports/dispatch?month=yyyy-MM: the monthly dispatch report (月度调度报告) of the reader's scope — the bureau for
/// Leaders and Admins, their team for staff (<see cref="ProjectScope"/>). Without a month, the month before today.
/// "PDF": Leaders and Admins queue the bureau's report, stored with the other reports; staff get their team's
/// report printed at once (a stored report outside briefs is a leadership document, <see cref="ReportAccess"/>).
/// </summary>
public sealed class IndexModel(DispatchQueries queries, DispatchReports reports, Documents documents, ProjectLookups lookups, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The month as typed, kept on the page when it is not a month.</summary>
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public DispatchReport? Report { get; private set; }

    public string? MonthError { get; private set; }

    /// <summary>The bureau's stored monthly report of this month in the reader's language, if any.</summary>
    public long? StoredId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!TryMonth(out var month))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var scope = ProjectScope.For(User);
        Report = await queries.LoadAsync(month, scope, ct);
        Month = month.ToString();
        if (scope.SeesAll)
        {
            StoredId = await reports.StoredIdAsync(month, CultureInfo.CurrentUICulture.Name, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPdfAsync(CancellationToken ct)
    {
        if (!TryMonth(out var month))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var scope = ProjectScope.For(User);
        var subject = DispatchGenerator.Subject(month, scope);
        if (scope.SeesAll)
        {
            await documents.RequestAsync(DocumentKinds.Dispatch, subject, CultureInfo.CurrentUICulture.Name, User.UserId(), DocumentTriggers.User, ct);
            TempData["Flash"] = l["Dispatch.PdfRequested"].Value;
            return RedirectToPage("/Reports/Index", new { kind = DocumentKinds.Dispatch });
        }

        try
        {
            var pdf = await documents.GenerateAsync(DocumentKinds.Dispatch, subject, CultureInfo.CurrentUICulture.Name, ct);
            return pdf is null ? NotFound() : File(pdf.Content, "application/pdf", pdf.FileName);
        }
        catch (PdfUnavailableException)
        {
            MonthError = l["Dispatch.PdfUnavailable"];
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }

    /// <summary>The month asked for, or the month before today when none is; false (with the message) for a bad one.</summary>
    private bool TryMonth(out DispatchMonth month)
    {
        var today = lookups.Today;
        if (string.IsNullOrWhiteSpace(Month))
        {
            month = DispatchMonth.Before(today);
            return true;
        }

        if (DispatchMonth.TryParse(Month.Trim(), today, out month))
        {
            return true;
        }

        MonthError = l["Dispatch.Error.BadMonth", Month.Trim(), DispatchMonth.FirstYear, DispatchMonth.Before(today).NextFirst.ToString("yyyy-MM", CultureInfo.InvariantCulture)];
        return false;
    }
}
