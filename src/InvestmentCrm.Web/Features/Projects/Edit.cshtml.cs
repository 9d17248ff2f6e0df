using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>/projects/{code}/edit: the owner (or an Admin) edits the fields. A save based on an older version is
/// refused with the user's input kept, so two people never silently overwrite each other.</summary>
public sealed class EditModel(IDb db, ProjectWriter writer, ProjectLookups lookups, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ProjectForm Form { get; set; } = new();

    public string Code { get; private set; } = "";
    public ProjectFormChoices Choices { get; private set; } = new(null, []);
    public IReadOnlyList<Option>? Owners { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var (project, refusal) = await LoadAsync(code, ct);
        if (project is null)
        {
            return refusal!;
        }

        Form = ProjectForm.From(project, (await ProjectDetail.NodesAsync(db, project.Id, ct)).Select(n => n.Id));
        Choices = await ProjectFormChoices.LoadAsync(db, Form, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var (project, refusal) = await LoadAsync(code, ct);
        if (project is null)
        {
            return refusal!;
        }

        Form.Code = project.Code;
        ModelState.Remove("Form.Code");
        await ProjectFormChoices.ResolveAsync(db, Form, ModelState, l, ct);
        Choices = await ProjectFormChoices.LoadAsync(db, Form, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var owner = User.IsInRole(Roles.Admin) && Form.OwnerUserId is { } chosen ? chosen : project.OwnerUserId;
        var result = await writer.UpdateAsync(project.Id, Form.Version, Form.ToInput(owner), ct);
        switch (result.Outcome)
        {
            case SaveOutcome.Conflict:
                ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
                // The input stays; the form now carries the version just read, so saving again overwrites knowingly.
                ModelState.Remove("Form.Version");
                Form.Version = project.Version;
                return Page();
            case SaveOutcome.Rejected:
                foreach (var problem in result.Problems ?? [])
                {
                    ModelState.AddModelError(problem.Field, l[problem.Key, problem.Args]);
                }

                return Page();
            case SaveOutcome.NotFound:
                return NotFound();
            default:
                TempData["Flash"] = l["Projects.Done.Saved", project.Code].Value;
                return RedirectToPage("/Projects/Details", new { code = project.Code });
        }
    }

    private async Task<(ProjectDetail? Project, IActionResult? Refusal)> LoadAsync(string code, CancellationToken ct)
    {
        var scope = ProjectScope.For(User);
        var project = await ProjectDetail.LoadAsync(db, code, scope, ct);
        if (project is null)
        {
            return (null, NotFound());
        }

        if (!scope.CanEdit(project.OwnerUserId))
        {
            return (null, Forbid());
        }

        Code = project.Code;
        Owners = scope.IsAdmin ? await lookups.OwnersAsync(ct) : null;
        return (project, null);
    }
}
