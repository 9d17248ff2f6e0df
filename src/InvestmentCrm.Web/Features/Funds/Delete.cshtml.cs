using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Funds;

/// <summary>/projects/{code}/funds/{id}/delete: the entry with a confirmation button; the post deletes it (audited with
/// its values). The same access rule as the edit page.</summary>
public sealed class DeleteModel(IDb db, FundsWriter writer, IStringLocalizer<SharedResource> l) : PageModel
{
    public ProjectDetail Project { get; private set; } = new();
    public FundsRow Entry { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, long id, CancellationToken ct) =>
        await LoadAsync(code, id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string code, long id, int version, CancellationToken ct)
    {
        if (await LoadAsync(code, id, ct) is { } refusal)
        {
            return refusal;
        }

        var result = await writer.DeleteAsync(Project.Id, Entry.Id, version, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Funds.Done.Deleted"].Value;
            return RedirectToPage("/Projects/Details", null, new { code = Project.Code }, "funds");
        }

        FundsPageAccess.AddProblems(ModelState, result, l);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string code, long id, CancellationToken ct)
    {
        (Project, var entry, var refusal) = await FundsPageAccess.LoadAsync(this, db, code, id, ct);
        Entry = entry ?? new FundsRow();
        return refusal;
    }
}
