using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>
/// /projects/reassign?code=…&amp;to=…: the projects ticked on the list, given to another owner at once (a colleague
/// leaves) — Leaders and Admins only, to an active user <see cref="ProjectScope.MayAssign"/> allows. GET shows the
/// projects and the new owner; the POST writes them in one transaction, one audited update per project, or nothing.
/// </summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
public sealed class ReassignModel(IDb db, ProjectWriter writer, ProjectLookups lookups, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "code")] public List<string> Codes { get; set; } = [];

    [BindProperty(SupportsGet = true)] public long? To { get; set; }

    public IReadOnlyList<SelectedProject> Projects { get; private set; } = [];

    public IReadOnlyList<Option> Choices { get; private set; } = [];

    public Option? NewOwner { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (Problem is not null || NewOwner is not { } owner)
        {
            return Page();
        }

        try
        {
            await db.InTransactionAsync(async session =>
            {
                foreach (var project in Projects)
                {
                    var result = await writer.ReassignAsync(session, project.Id, owner.Id);
                    if (!result.Succeeded)
                    {
                        throw new ReassignRefused(project.Code); // rolls back the projects before it too
                    }
                }

                return true;
            }, ct);
        }
        catch (ReassignRefused stopped)
        {
            Problem = l["Projects.Reassign.Refused", stopped.Code].Value;
            return Page();
        }

        TempData["Flash"] = l["Projects.Reassign.Done", Projects.Count, owner.Name].Value;
        return RedirectToPage("/Projects/Index");
    }

    /// <summary>The selection within the reader's scope (404 when a code is not in it), the owners they may choose, the
    /// chosen one; <see cref="Problem"/> says what is missing.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var scope = ProjectScope.For(User);
        Choices = await lookups.OwnerChoicesAsync(scope, ct) ?? [];
        var codes = Codes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count > Paging.MaxSize)
        {
            return BadRequest();
        }

        var projects = new List<SelectedProject>();
        foreach (var code in codes)
        {
            if (await db.QuerySingleOrDefaultAsync<SelectedProject>(Sql.Selected, scope.AddTo(new { Code = code }), ct) is not { } project)
            {
                return NotFound();
            }

            projects.Add(project);
        }

        Projects = projects;
        NewOwner = Choices.FirstOrDefault(c => c.Id == To);
        Problem = projects.Count == 0 ? l["Projects.Reassign.NoneSelected"].Value
            : To is not null && NewOwner is null ? l["Projects.Reassign.UnknownOwner"].Value
            : null;
        return null;
    }

    private sealed class ReassignRefused(string code) : Exception
    {
        public string Code => code;
    }

    public sealed class SelectedProject
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Title { get; set; } = "";
        public string OwnerName { get; set; } = "";
    }

    internal static class Sql
    {
        public const string Selected = """
            SELECT p.Id, p.Code, p.Title, u.DisplayName AS OwnerName
            FROM Projects p
            JOIN Users u ON u.Id = p.OwnerUserId
            WHERE p.Code = @Code
              AND
            """ + " " + ProjectScope.Filter;
    }
}
