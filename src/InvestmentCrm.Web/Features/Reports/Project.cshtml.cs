using InvestmentCrm.Web.Features.Reports.Briefs;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Reports;

/// <summary>/reports/projects/{code}: one project's briefs, and the "generate brief" action the project page posts to.</summary>
public sealed class ProjectModel(IDb db, BriefRequests briefs) : PageModel
{
    public ProjectHeader? Project { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Project = await db.QuerySingleOrDefaultAsync<ProjectHeader>(Sql.Header, new { Code = code }, ct);
        if (Project is null || !await ReportAccess.CanSeeProjectAsync(db, User, code, ct))
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostGenerateAsync(string code, string? returnUrl, CancellationToken ct)
    {
        if (!await ReportAccess.CanSeeProjectAsync(db, User, code, ct))
        {
            return NotFound();
        }

        await briefs.RequestAsync(code, User.UserId(), BriefRequests.ByUser, ct);
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage("/Reports/Project", new { code });
    }

    public sealed class ProjectHeader
    {
        public string Code { get; set; } = string.Empty;
        public string Title { get; set; } = string.Empty;
        public string EnterpriseName { get; set; } = string.Empty;
    }

    internal static class Sql
    {
        public const string Header = """
            SELECT p.Code, p.Title, e.Name AS EnterpriseName
            FROM Projects p JOIN Enterprises e ON e.Id = p.EnterpriseId
            WHERE p.Code = @Code
            """;
    }
}
