using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary>/chains/{code}/gaps/{node}: "why this gap" — every figure of the node with the inputs it came from
/// (local enterprises, downstream demand, upstream supply, covering projects, the score's parts) — and the
/// prospects that could fill it, each with a one-click "create project". The figures count every team's projects;
/// the projects named are only those the reader may see (<see cref="ProjectScope"/>).</summary>
public sealed class NodeModel(IDb db, GapAnalyser analyser) : PageModel
{
    public const int TargetsShown = 20;

    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    public ChainGaps Chain { get; private set; } = null!;
    public NodeGap Node { get; private set; } = null!;
    public PageOf<LocalRow> Locals { get; private set; } = new([], 1, Paging.DefaultSize, 0);
    public IReadOnlyList<TargetCandidate> Targets { get; private set; } = [];

    /// <summary>Whether the reader gets the "create project" buttons (<see cref="ProjectScope.CanCreate"/>).</summary>
    public bool CanCreateProject { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string node, CancellationToken ct)
    {
        var scope = ProjectScope.For(User);
        var chain = await analyser.AnalyseAsync(code, scope, ct);
        var found = chain?.Find(node);
        if (chain is null || found is null)
        {
            return NotFound();
        }

        Chain = chain;
        Node = found;
        var (page, size, skip) = Paging.Normalize(PageNumber, null);
        var rows = await db.QueryAsync<LocalRow>(Sql.Locals, new { ChainCode = chain.Code, NodeCode = found.Code, Skip = skip, Take = size }, ct);
        Locals = new PageOf<LocalRow>(rows, page, size, found.LocalCount);
        Targets = await analyser.RecommendAsync(chain.Code, found.Code, TargetsShown, ct);
        CanCreateProject = scope.CanCreate;
        return Page();
    }

    public sealed class LocalRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string? District { get; set; }
        public decimal? AnnualRevenueWan { get; set; }
        public int? Employees { get; set; }
    }

    internal static class Sql
    {
        public const string Locals = """
            SELECT e.Id, e.Name, e.District, e.AnnualRevenueWan, e.Employees
            FROM Enterprises e
            JOIN EnterpriseNodes en ON en.EnterpriseId = e.Id
            JOIN ChainNodes n ON n.Id = en.NodeId
            JOIN Chains c ON c.Id = n.ChainId
            WHERE c.Code = @ChainCode AND n.Code = @NodeCode AND e.Kind = 'local'
            ORDER BY e.AnnualRevenueWan DESC, e.Name, e.Id
            /**paging**/
            """;
    }
}
