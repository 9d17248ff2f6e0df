using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Matters;

/// <summary>
/// /projects/{code}/matters/{id?}: raise a coordination matter on a project (the project page's panel posts here), or
/// edit, resolve or reopen one. Only who may manage the project's matters gets here (<see cref="ProjectScope.CanManageMatters"/>);
/// a project or matter the user may not see is not found. On a problem the page shows the form again as typed.
/// </summary>
public sealed class EditModel(IDb db, MatterWriter writer, ProjectLookups lookups, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public MatterForm Form { get; set; } = new();

    public ProjectDetail Project { get; private set; } = new();
    public MatterRow? Existing { get; private set; }
    public IReadOnlyList<string> Departments { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, long? id, bool resolve, CancellationToken ct)
    {
        if (await LoadAsync(code, id, ct) is { } stop)
        {
            return stop;
        }

        Form = Existing is null ? new MatterForm { DueOn = Today.AddDays(14) } : MatterForm.From(Existing);
        if (resolve && Existing is not null && Existing.Status != CoordinationMatters.Resolved)
        {
            Form.Status = CoordinationMatters.Resolved;
            Form.ResolvedOn = Today;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, long? id, CancellationToken ct)
    {
        if (await LoadAsync(code, id, ct) is { } stop)
        {
            return stop;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = Existing is null
            ? await writer.AddAsync(Project.Id, Form.ToInput(), ProjectScope.For(User).UserId, ct)
            : await writer.UpdateAsync(Project.Id, Existing.Id, Form.Version, Form.ToInput(), Form.ConfirmReopen, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l[result.Outcome == SaveOutcome.Created ? "Matters.Done.Raised" : "Matters.Done.Saved"].Value;
            return RedirectToPage("/Projects/Details", null, new { code = Project.Code }, "matters");
        }

        if (result.Outcome == SaveOutcome.Conflict)
        {
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        }

        foreach (var problem in result.Problems ?? [])
        {
            ModelState.AddModelError(problem.Field, l[problem.Key, problem.Args]);
        }

        return Page();
    }

    /// <summary>Null to go on; otherwise the answer (not found, forbidden).</summary>
    private async Task<IActionResult?> LoadAsync(string code, long? id, CancellationToken ct)
    {
        var scope = ProjectScope.For(User);
        Today = lookups.Today;
        var project = await ProjectDetail.LoadAsync(db, code, scope, ct);
        if (project is null)
        {
            return NotFound();
        }

        Project = project;
        if (id is { } matterId && (Existing = await MatterQueries.GetAsync(db, project.Id, matterId, ct)) is null)
        {
            return NotFound();
        }

        if (!scope.CanManageMatters(project.OwnerUserId))
        {
            return Forbid();
        }

        Departments = await MatterQueries.DepartmentsAsync(db, ct);
        return null;
    }
}
