using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.SavedViews;

/// <summary>/saved-views/delete?id=: asks first, deletes on the POST. Only the owner or an Admin; a view the reader
/// may not see is not found.</summary>
public sealed class DeleteModel(SavedViewStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? List { get; set; }
    [BindProperty(SupportsGet = true)] public string? Current { get; set; }

    public SavedView View { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id, int version, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop)
        {
            return stop;
        }

        var result = await store.DeleteAsync(View, version, ct);
        if (result.Outcome == SaveOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Outcome == SaveOutcome.Conflict)
        {
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
            View = await store.FindAsync(ProjectScope.For(User), id, ct) ?? View;
            return Page();
        }

        TempData["Flash"] = l["SavedViews.Done.Deleted", View.Name].Value;
        return RedirectToPage("/SavedViews/Index", new { list = List, current = Current });
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var reader = ProjectScope.For(User);
        if (await store.FindAsync(reader, id, ct) is not { } view)
        {
            return NotFound();
        }

        if (!view.MayChange(reader))
        {
            return Forbid();
        }

        View = view;
        return null;
    }
}
