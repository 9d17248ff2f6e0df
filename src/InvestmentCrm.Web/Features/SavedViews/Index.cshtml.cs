using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.SavedViews;

/// <summary>
/// /saved-views: the reader's saved views of both lists and the views others shared; saving a view (the form above
/// each list posts here), renaming, replacing its filters with the list's current ones, sharing. The list pages
/// link here with <see cref="List"/> and <see cref="Current"/>, their normalized filters. A problem shows this page
/// again with what was typed; a view the reader may not see is not found, one they may see but not change is 403.
/// </summary>
public sealed class IndexModel(SavedViewStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The list the reader came from, and its filters: what "use the current filters" saves.</summary>
    [BindProperty(SupportsGet = true)] public string? List { get; set; }
    [BindProperty(SupportsGet = true)] public string? Current { get; set; }

    public ProjectScope Reader { get; private set; } = ProjectScope.Nobody;
    public IReadOnlyDictionary<string, IReadOnlyList<SavedView>> Views { get; private set; } = new Dictionary<string, IReadOnlyList<SavedView>>();

    /// <summary>The form that failed ("save", or a view's id) and what was typed into it.</summary>
    public string? FailedForm { get; private set; }
    public string? TypedName { get; private set; }
    public string? SaveQuery { get; private set; }

    /// <summary>The list's current filters, normalized; null when the reader did not come from a list.</summary>
    public string? CurrentQuery => SavedViewLists.IsKnown(List) ? SavedViewLists.Normalize(List!, Current) : null;

    public static string FormOf(long viewId) => "view-" + viewId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSaveAsync(string? name, string? query, CancellationToken ct)
    {
        Reader = ProjectScope.For(User);
        var list = SavedViewLists.IsKnown(List) ? List! : "";
        var normalized = list.Length == 0 ? "" : SavedViewLists.Normalize(list, query);
        var result = await store.CreateAsync(Reader.UserId, list, name, normalized, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["SavedViews.Done.Saved", name!.Trim()].Value;
            return Redirect(SavedViewLists.Link(Url.Page(SavedViewLists.Page(list))!, normalized));
        }

        (FailedForm, TypedName, SaveQuery) = ("save", name, normalized);
        return await ShowAsync(result, ct);
    }

    public Task<IActionResult> OnPostRenameAsync(long id, int version, string? name, CancellationToken ct) =>
        ChangeAsync(id, false, view =>
        {
            TypedName = name;
            return store.RenameAsync(view, version, name, ct);
        }, "SavedViews.Done.Renamed", ct);

    public Task<IActionResult> OnPostReplaceAsync(long id, int version, CancellationToken ct) =>
        ChangeAsync(id, false, view => store.ReplaceQueryAsync(view, version, SavedViewLists.Normalize(view.List, Current), ct), "SavedViews.Done.Replaced", ct);

    public Task<IActionResult> OnPostShareAsync(long id, int version, bool shared, CancellationToken ct) =>
        ChangeAsync(id, true, view => store.ShareAsync(view, version, shared, ct), shared ? "SavedViews.Done.Shared" : "SavedViews.Done.Unshared", ct);

    /// <summary>Finds the view, checks who may change it, runs the change; the page again on a problem.</summary>
    private async Task<IActionResult> ChangeAsync(long id, bool sharing, Func<SavedView, Task<WriteResult>> change, string doneKey, CancellationToken ct)
    {
        Reader = ProjectScope.For(User);
        if (await store.FindAsync(Reader, id, ct) is not { } view)
        {
            return NotFound();
        }

        if (sharing ? !view.MayShare(Reader) : !view.MayChange(Reader))
        {
            return Forbid();
        }

        var result = await change(view);
        if (result.Outcome == SaveOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Flash"] = l[doneKey, view.Name].Value;
            return RedirectToPage("/SavedViews/Index", new { list = List, current = Current });
        }

        FailedForm = FormOf(id);
        return await ShowAsync(result, ct);
    }

    private async Task<IActionResult> ShowAsync(WriteResult result, CancellationToken ct)
    {
        if (result.Outcome == SaveOutcome.Conflict)
        {
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        }

        foreach (var problem in result.Problems ?? [])
        {
            ModelState.AddModelError(problem.Field == "list" ? string.Empty : problem.Field, l[problem.Key, problem.Args]);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Reader = ProjectScope.For(User);
        var views = new Dictionary<string, IReadOnlyList<SavedView>>(StringComparer.Ordinal);
        foreach (var list in SavedViewLists.All)
        {
            views[list] = await store.VisibleAsync(Reader, list, ct);
        }

        Views = views;
    }
}
