using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>/chains/{code}: the chain as a diagram (segments left to right, local enterprises per node, supply
/// edges as arrows), then its nodes by segment, its supply edges and its parks.</summary>
public sealed class DetailsModel(IDb db, ChainMapImporter chains, IStringLocalizer<SharedResource> l) : PageModel
{
    public StoredChain Chain { get; private set; } = null!;
    public IReadOnlyDictionary<string, NodeFigures> Figures { get; private set; } = new Dictionary<string, NodeFigures>();
    public IReadOnlyList<ParkRow> Parks { get; private set; } = [];
    public string Svg { get; private set; } = "";

    public string Name => ChainText.Name(Chain.Map.Name, Chain.Map.NameEn);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var chain = await chains.LoadAsync(code.ToUpperInvariant(), ct);
        if (chain is null)
        {
            return NotFound();
        }

        Chain = chain;
        Figures = (await db.QueryAsync<NodeFigures>(Sql.Figures, new { ChainId = chain.Id }, ct)).ToDictionary(f => f.Code, StringComparer.Ordinal);
        Parks = await db.QueryAsync<ParkRow>(Sql.Parks, new { ChainId = chain.Id }, ct);
        Svg = ChainDiagram.Render(Diagram(chain.Map, Figures, Name, l));
        return Page();
    }

    public NodeFigures FiguresOf(string code) => Figures.TryGetValue(code, out var f) ? f : new NodeFigures { Code = code };

    /// <summary>The diagram of a chain with its local figures, labelled in the reader's language; nodes link to
    /// their row of the node list.</summary>
    public static ChainDiagramModel Diagram(ChainMap map, IReadOnlyDictionary<string, NodeFigures> figures, string title, IStringLocalizer l)
    {
        var nodes = map.Nodes.Select(n =>
        {
            var f = figures.TryGetValue(n.Code, out var found) ? found : new NodeFigures { Code = n.Code };
            return new DiagramNode(n.Code, ChainText.Name(n.Name, n.NameEn), n.Segment, n.Parent, n.Key, (int)f.LocalCount, f.LocalOutputWan, null, "#node-" + n.Code);
        }).ToList();
        var edges = map.Edges.Select(e => new DiagramEdge(e.From, e.To, e.Weight)).ToList();
        var labels = new DiagramLabels(
            l[ChainText.SegmentKey(Segments.Upstream)],
            l[ChainText.SegmentKey(Segments.Midstream)],
            l[ChainText.SegmentKey(Segments.Downstream)],
            l[ChainText.SegmentKey(Segments.Support)],
            l["Chains.Diagram.CountFormat"],
            l["Chains.Status.missing"],
            l["Chains.Status.weak"],
            l["Chains.Status.extend"],
            l["Chains.Status.covered"],
            l["Chains.Status.none"],
            l["Chains.Diagram.KeyLink"],
            title);
        return new ChainDiagramModel(nodes, edges, labels);
    }

    public sealed class NodeFigures
    {
        public string Code { get; set; } = "";
        public long LocalCount { get; set; }
        public decimal LocalOutputWan { get; set; }
    }

    public sealed record ParkRow(long Id, string Name);

    internal static class Sql
    {
        // Local enterprises only: prospects are targets, not part of the chain's output yet.
        public const string Figures = """
            SELECT n.Code, COUNT(e.Id) AS LocalCount, COALESCE(SUM(e.AnnualRevenueWan), 0) AS LocalOutputWan
            FROM ChainNodes n
            JOIN EnterpriseNodes en ON en.NodeId = n.Id
            JOIN Enterprises e ON e.Id = en.EnterpriseId
            WHERE n.ChainId = @ChainId AND e.Kind = 'local'
            GROUP BY n.Code
            """;

        public const string Parks = """
            SELECT p.Id, p.Name
            FROM ParkChains pc
            JOIN Parks p ON p.Id = pc.ParkId
            WHERE pc.ChainId = @ChainId
            ORDER BY p.Name
            """;
    }
}
