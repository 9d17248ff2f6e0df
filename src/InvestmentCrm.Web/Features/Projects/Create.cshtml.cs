using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>
/// /projects/create: a new project at stage lead. Accepts a prefill from the query string,
/// <c>?enterpriseId=123&amp;nodes=SEW:HANG</c> (the gap analysis' "create project" button).
/// </summary>
public sealed class CreateModel(ProjectWriter writer, ProjectLookups lookups, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ProjectForm Form { get; set; } = new();

    public IReadOnlyList<Option> Enterprises { get; private set; } = [];
    public IReadOnlyList<NodeOption> Nodes { get; private set; } = [];
    public IReadOnlyList<Option>? Owners { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? enterpriseId, string? nodes, CancellationToken ct)
    {
        if (!ProjectScope.For(User).CanCreate)
        {
            return Forbid();
        }

        await LoadChoicesAsync(ct);
        Form.EnterpriseId = Enterprises.Any(e => e.Id == enterpriseId) ? enterpriseId : null;
        var wanted = (nodes ?? "").Split([',', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.Replace('：', ':').ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        Form.Nodes = [.. Nodes.Where(n => wanted.Contains(n.Ref.ToUpperInvariant())).Select(n => n.Id)];
        Form.OwnerUserId = User.UserId();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = ProjectScope.For(User);
        if (!scope.CanCreate)
        {
            return Forbid();
        }

        await LoadChoicesAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var owner = scope.IsAdmin && Form.OwnerUserId is { } chosen ? chosen : scope.UserId;
        var result = await writer.CreateAsync(Form.Code, Form.ToInput(owner), scope.UserId, ct: ct);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems ?? [])
            {
                ModelState.AddModelError(problem.Field == "Code" ? "Form.Code" : problem.Field, l[problem.Key, problem.Args]);
            }

            return Page();
        }

        TempData["Flash"] = l["Projects.Done.Created", result.Code!].Value;
        return Redirect("/projects/" + Uri.EscapeDataString(result.Code!));
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Enterprises = await lookups.EnterprisesAsync(ct);
        Nodes = await lookups.NodesAsync(ct);
        Owners = User.IsInRole(Roles.Admin) ? await lookups.OwnersAsync(ct) : null;
    }
}
