using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Pickers;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Search;

/// <summary>
/// /search?q=: everything found, grouped by kind, a page of each; /search?q=&amp;kind=contacts&amp;p=2 pages through one
/// kind. The top bar's box is a plain GET form to here, so search works without script; with script the box shows
/// <see cref="SuggestModel"/>'s first hits as the reader types.
/// </summary>
public sealed class IndexModel(IDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }

    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    public IReadOnlyList<SearchGroup> Groups { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Kind = SearchKinds.All.Contains(Kind) ? Kind : null;
        Problem = SearchQuery.Problem(l, Query, PageNumber);
        if (Problem is not null || string.IsNullOrWhiteSpace(Query))
        {
            return;
        }

        var scope = ProjectScope.For(User);
        var groups = new List<SearchGroup>();
        foreach (var kind in Kind is null ? SearchKinds.All : [Kind])
        {
            groups.Add(await SiteSearch.GroupAsync(db, l, scope, kind, Query.Trim(), Kind is null ? 1 : PageNumber ?? 1, ct));
        }

        Groups = groups;
    }
}

/// <summary>The limits of a search: the pickers' (<see cref="PickerLimits"/>), with their messages.</summary>
public static class SearchQuery
{
    public static string? Problem(IStringLocalizer l, string? query, int? page) =>
        query is { Length: > PickerLimits.MaxQueryLength } ? l["Pickers.Error.QueryTooLong", PickerLimits.MaxQueryLength].Value
        : page is < 1 or > PickerLimits.MaxPage ? l["Pickers.Error.Page", PickerLimits.MaxPage].Value
        : null;
}
