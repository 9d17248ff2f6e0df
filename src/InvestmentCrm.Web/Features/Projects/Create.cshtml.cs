using InvestmentCrm.Web.Domain.Projects;
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
public sealed class CreateModel(ProjectWriter writer, ProjectLookups lookups, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ProjectForm Form { get; set; } = new();

    public IReadOnlyList<Option> Enterprises { get; private set; } = [];
    public IReadOnlyList<NodeOption> Nodes { get; private set; } = [];
    public IReadOnlyList<Option>? Owners { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? enterpriseId, string? nodes, CancellationToken ct)
    {
        var scope = ProjectScope.For(User);
        if (!scope.CanCreate)
        {
            return Forbid();
        }

        await LoadChoicesAsync(scope, ct);
        Form.EnterpriseId = Enterprises.Any(e => e.Id == enterpriseId) ? enterpriseId : null;
        var wanted = (nodes ?? "").Split([',', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.Replace('：', ':').ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        Form.Nodes = [.. Nodes.Where(n => wanted.Contains(n.Ref.ToUpperInvariant())).Select(n => n.Id)];
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
        Enterprises = await lookups.EnterprisesAsync(ct);
        Nodes = await lookups.NodesAsync(ct);
        Owners = await lookups.OwnerChoicesAsync(scope, ct);
    }
}
