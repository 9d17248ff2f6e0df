using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Funds;

/// <summary>
/// /projects/{code}/funds/{id?}: add an entry to a project's funds-in-place ledger (the project page's panel posts
/// here), or edit one. Only who may manage the project's matters and funds gets here
/// (<see cref="ProjectScope.CanManageMatters"/>); a project or entry the user may not see is not found. On a problem
/// the page shows the form again as typed.
/// </summary>
public sealed class EditModel(IDb db, FundsWriter writer, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public FundsForm Form { get; set; } = new();

    public ProjectDetail Project { get; private set; } = new();
    public FundsRow? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, long? id, CancellationToken ct)
    {
        (Project, Existing, var refusal) = await FundsPageAccess.LoadAsync(this, db, code, id, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        Form = Existing is null ? new FundsForm { ReceivedOn = writer.Today } : FundsForm.From(Existing);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, long? id, CancellationToken ct)
    {
        (Project, Existing, var refusal) = await FundsPageAccess.LoadAsync(this, db, code, id, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = Existing is null
            ? await writer.AddAsync(Project.Id, Form.ToInput(), ProjectScope.For(User).UserId, ct)
            : await writer.UpdateAsync(Project.Id, Existing.Id, Form.Version, Form.ToInput(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l[result.Outcome == SaveOutcome.Created ? "Funds.Done.Added" : "Funds.Done.Saved"].Value;
            return RedirectToPage("/Projects/Details", null, new { code = Project.Code }, "funds");
        }

        FundsPageAccess.AddProblems(ModelState, result, l);
        return Page();
    }
}
