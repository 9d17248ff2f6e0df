using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Gaps;
using InvestmentCrm.Web.Localization;
using InvestmentCrm.Web.Pages.Chains;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Pages.Gaps;

/// <summary>/chains/{code}/gaps: the chain diagram coloured by gap status, the ranked gaps with why, the other
/// links, the settings used, and what changed since the last snapshot (Leaders and Admins can take one).</summary>
public sealed class ChainModel(GapSnapshots snapshots, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public ChainGaps Gaps { get; private set; } = null!;
    public GapComparison? Comparison { get; private set; }
    public string Svg { get; private set; } = "";

    public IReadOnlyList<NodeGap> Shown { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var comparison = await snapshots.CompareAsync(code, null, ct);
        if (comparison is null)
        {
            return NotFound();
        }

        Comparison = comparison;
        Gaps = comparison.Current;
        if (Status is not null && !GapStatus.All.Contains(Status, StringComparer.Ordinal))
        {
            Status = null;
        }

        Shown = Gaps.Ranked.Where(n => Status is null || n.Status == Status).ToList();
        Svg = GapDiagram.Svg(Gaps, l, n => NodeUrl(Gaps.Code, n.Code));
        return Page();
    }

    /// <summary>Records the current result as a snapshot, to compare later results with.</summary>
    public async Task<IActionResult> OnPostSnapshotAsync(string code, CancellationToken ct)
    {
        if (!ChainText.CanEdit(User))
        {
            return Forbid();
        }

        var recorded = await snapshots.RecordAsync(code, User.Identity?.Name ?? "web", ct);
        if (recorded is null)
        {
            return NotFound();
        }

        TempData["Flash"] = l["Gaps.Snapshot.Recorded", recorded.Current.Nodes.Count(n => n.IsGap)].Value;
        return Redirect($"/chains/{recorded.Current.Code}/gaps");
    }

    public static string NodeUrl(string chain, string node) => $"/chains/{chain}/gaps/{node}";
}
