using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Features.Chains;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary>/chains/{code}/gaps: the chain diagram coloured by gap status, the ranked gaps with why, the other
/// links, the settings used, and what changed since the last snapshot (Leaders and Admins can take one).</summary>
public sealed class ChainModel(GapSnapshots snapshots, Features.Reports.ChainGap.ChainGapReports reports, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    public ChainGaps Gaps { get; private set; } = null!;
    public GapComparison? Comparison { get; private set; }
    public string Svg { get; private set; } = "";

    /// <summary>Whether the reader may read the chain-gap reports (Leaders and Admins: they name every team's projects).</summary>
    public bool CanReadReports { get; private set; }

    /// <summary>The latest stored chain-gap report (the user's language first), for the download button.</summary>
    public Features.Reports.ChainGap.ChainGapReports.LatestReport? LatestReport { get; private set; }

    /// <summary>One page of the ranked gaps that pass the status filter, in rank order.</summary>
    public PageOf<NodeGap> Shown { get; private set; } = new([], 1, Paging.DefaultSize, 0);

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

        // The analysis is computed once for the diagram and the counts anyway; the table pages that result.
        var ranked = Gaps.Ranked.Where(n => Status is null || n.Status == Status).ToList();
        var (page, size, _) = Paging.Normalize(PageNumber, null);
        page = Math.Min(page, Math.Max(1, (ranked.Count + size - 1) / size));
        Shown = new PageOf<NodeGap>(ranked.Skip((page - 1) * size).Take(size).ToList(), page, size, ranked.Count);
        Svg = GapRenderings.Get(Gaps, "page-svg", () => GapDiagram.Svg(Gaps, l, n => Url.Page("/Gaps/Node", new { code = Gaps.Code, node = n.Code })));
        CanReadReports = Features.Reports.ReportAccess.CanSeeChainGapReports(User);
        LatestReport = CanReadReports ? await reports.LatestAsync(Gaps.Code, System.Globalization.CultureInfo.CurrentUICulture.Name, ct) : null;
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
        return RedirectToPage("/Gaps/Chain", new { code = recorded.Current.Code });
    }

    /// <summary>Queues a chain-gap report (产业链缺口分析报告) in the user's language; Leaders and Admins.</summary>
    public async Task<IActionResult> OnPostReportAsync(string code, CancellationToken ct)
    {
        if (!ChainText.CanEdit(User))
        {
            return Forbid();
        }

        var key = await reports.RequestAsync(code, System.Globalization.CultureInfo.CurrentUICulture.Name, Infrastructure.Identity.ClaimsPrincipalExtensions.UserId(User), ct);
        if (key is null)
        {
            return NotFound();
        }

        TempData["Flash"] = l["ChainGap.Requested"].Value;
        return RedirectToPage("/Gaps/Chain", new { code = code.Trim().ToUpperInvariant() });
    }
}
