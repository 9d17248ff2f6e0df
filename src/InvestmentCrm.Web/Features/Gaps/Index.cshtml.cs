using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary>/gaps: the gaps of every chain on one list, most urgent first (by score; a chain's own rank breaks
/// ties), filterable by status and chain, with each chain's counts on top.</summary>
public sealed class IndexModel(GapAnalyser analyser) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Chain { get; set; }
    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    public IReadOnlyList<ChainGaps> Chains { get; private set; } = [];
    public PageOf<(ChainGaps Chain, NodeGap Node)> Result { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Chains = await analyser.AnalyseAllAsync(listProjectsFor: null, ct);
        if (Status is not null && !GapStatus.Gaps.Contains(Status, StringComparer.Ordinal))
        {
            Status = null;
        }

        if (Chain is not null && !Chains.Any(c => c.Code == Chain))
        {
            Chain = null;
        }

        var gaps = Chains
            .Where(c => Chain is null || c.Code == Chain)
            .SelectMany(c => c.Ranked.Select(n => (Chain: c, Node: n)))
            .Where(g => Status is null || g.Node.Status == Status)
            .OrderByDescending(g => g.Node.Score)
            .ThenBy(g => g.Node.Rank)
            .ThenBy(g => g.Chain.Code, StringComparer.Ordinal)
            .ToList();
        var (page, size, skip) = Paging.Normalize(PageNumber, null);
        Result = new PageOf<(ChainGaps, NodeGap)>(gaps.Skip(skip).Take(size).ToList(), page, size, gaps.Count);
    }
}
