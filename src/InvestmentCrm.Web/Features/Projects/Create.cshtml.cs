using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Pickers;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>
/// /projects/create: a new project at stage lead. Accepts a prefill from the query string,
/// <c>?enterpriseId=123&amp;nodes=SEW:HANG</c> (the gap analysis' "create project" button). Who may create it and
/// for whom is <see cref="ProjectScope.CanCreate"/>: Staff for themselves, Leaders for a Staff member, Admins for anyone.
/// </summary>
public sealed class CreateModel(IDb db, ProjectWriter writer, ProjectLookups lookups, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ProjectForm Form { get; set; } = new();

    public ProjectFormChoices Choices { get; private set; } = new(null, []);
    public bool AnyEnterprise { get; private set; }
    public IReadOnlyList<Option>? Owners { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? enterpriseId, string? nodes, CancellationToken ct)
    {
        var scope = ProjectScope.For(User);
        if (!scope.CanCreate)
        {
            return Forbid();
        }

        Form.EnterpriseId = enterpriseId;
        Form.Nodes = [.. (await NodeChoices.ResolveAsync(db, nodes, ct)).Found.Select(n => n.Id)];
        await LoadChoicesAsync(scope, ct);
        // A Leader hands the project to a Staff member, so nobody is chosen for them; others start as the owner.
        Form.OwnerUserId = Owners is null || Owners.Any(o => o.Id == scope.UserId) ? scope.UserId : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = ProjectScope.For(User);
        if (!scope.CanCreate)
        {
            return Forbid();
        }

        await ProjectFormChoices.ResolveAsync(db, Form, ModelState, l, ct);
        await LoadChoicesAsync(scope, ct);
        var owner = Owners is null ? scope.UserId : Form.OwnerUserId;
        if (owner is null)
        {
            ModelState.AddModelError("Form.OwnerUserId", l["Validation.Required", l["Projects.Field.Owner"]]);
        }
        else if (Owners is not null && Owners.All(o => o.Id != owner))
        {
            ModelState.AddModelError("Form.OwnerUserId", l["Projects.Error.OwnerNotAllowed"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await writer.CreateAsync(Form.Code, Form.ToInput(owner!.Value), scope.UserId, ct: ct);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems ?? [])
            {
                ModelState.AddModelError(problem.Field == "Code" ? "Form.Code" : problem.Field, l[problem.Key, problem.Args]);
            }

            return Page();
        }

        TempData["Flash"] = l["Projects.Done.Created", result.Code!].Value;
        return RedirectToPage("/Projects/Details", new { code = result.Code });
    }

    private async Task LoadChoicesAsync(ProjectScope scope, CancellationToken ct)
    {
        Choices = await ProjectFormChoices.LoadAsync(db, Form, ct);
        AnyEnterprise = Choices.Enterprise is not null || await lookups.AnyEnterpriseAsync(ct);
        Owners = await lookups.OwnerChoicesAsync(scope, ct);
    }
}
