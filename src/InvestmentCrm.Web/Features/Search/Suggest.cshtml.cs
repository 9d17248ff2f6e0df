using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Search;

/// <summary>
/// /search/suggest?q=: the first hits of each kind as an HTML fragment, which the top bar's box (htmx) shows under
/// itself as the reader types, with a link to the full results. A refused query gets its message in the fragment.
/// </summary>
public sealed class SuggestModel(IDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Hits per kind in the list under the box; the results page shows a full page of each.</summary>
    public const int PerKind = 5;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }

    public IReadOnlyList<SearchGroup> Groups { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Problem = SearchQuery.Problem(l, Query, null);
        if (Problem is not null || string.IsNullOrWhiteSpace(Query))
        {
            return;
        }

        var scope = ProjectScope.For(User);
        var groups = new List<SearchGroup>();
        foreach (var kind in SearchKinds.All)
        {
            var group = await SiteSearch.GroupAsync(db, l, scope, kind, Query.Trim(), 1, ct);
            groups.Add(group with { Hits = [.. group.Hits.Take(PerKind)], More = group.More || group.Hits.Count > PerKind });
        }

        Groups = groups;
    }
}
