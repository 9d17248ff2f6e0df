using System.ComponentModel.DataAnnotations;
using InvestmentCrm.Web.Features.Reports.Briefs;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Reports;

/// <summary>/reports: the generated documents the user may see (newest first, filter, paging) and "generate a brief".</summary>
public sealed class IndexModel(IDb db, BriefRequests briefs, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Reports.Error.CodeRequired")]
    [StringLength(40, ErrorMessage = "Reports.Error.CodeTooLong")]
    public string? ProjectCode { get; set; }

    public PageOf<DocumentRow> Result { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    /// <summary>The kinds of document this user may list (<see cref="ReportAccess.Kinds"/>).</summary>
    public IReadOnlyList<string> Kinds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken ct)
    {
        var code = ProjectCode?.Trim() ?? string.Empty;
        if (ModelState.IsValid && !await ReportAccess.CanSeeProjectAsync(db, User, code, ct))
        {
            ModelState.AddModelError(nameof(ProjectCode), l["Reports.Error.NoProject", code]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        await briefs.RequestAsync(code, User.UserId(), BriefRequests.ByUser, ct);
        return RedirectToPage("/Reports/Project", new { code });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (page, size, skip) = Paging.Normalize(PageNumber, Paging.DefaultSize);
        Kinds = ReportAccess.Kinds(User);
        var query = new
        {
            Kind = Kinds.Contains(Kind) ? Kind : null,
            Q = string.IsNullOrWhiteSpace(Q) ? null : "%" + Q.Trim() + "%",
            Skip = skip,
            Take = size,
        };
        var total = await db.ExecuteScalarAsync<long>(Sql.Count, ReportAccess.Parameters(User, query), ct);
        Result = new PageOf<DocumentRow>(await db.QueryAsync<DocumentRow>(Sql.List, ReportAccess.Parameters(User, query), ct), page, size, total);
    }

    internal static class Sql
    {
        private const string From = """

            FROM Documents d
            LEFT JOIN Projects p ON d.Kind = 'brief' AND p.Code = d.Subject
            LEFT JOIN Users u ON u.Id = d.GeneratedByUserId
            WHERE (@Kind IS NULL OR d.Kind = @Kind)
              AND (@Q IS NULL OR d.Subject LIKE @Q OR d.Title LIKE @Q)
              AND
            """ + " " + ReportAccess.VisibleDocument;

        public const string Count = "SELECT COUNT(*)" + From;

        public const string List = """
            SELECT d.Id, d.Kind, d.Subject, d.Title, d.Culture, d.SizeBytes, d.GeneratedAtUtc, d.TriggeredBy,
                   u.DisplayName AS GeneratedBy
            """ + From + "\nORDER BY d.GeneratedAtUtc DESC, d.Id DESC " + SqlText.Paging;
    }
}
