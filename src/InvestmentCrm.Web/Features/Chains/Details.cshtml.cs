using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>/chains/{code}: the chain as a diagram (segments left to right, local enterprises per node, supply
/// edges as arrows), then its nodes by segment, its supply edges and its parks.</summary>
public sealed class DetailsModel(IDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public StoredChain Chain { get; private set; } = null!;
    public IReadOnlyDictionary<string, ChainLocalFigures.NodeLocal> Figures { get; private set; } = new Dictionary<string, ChainLocalFigures.NodeLocal>();
    public IReadOnlyList<ParkRow> Parks { get; private set; } = [];
    public string Svg { get; private set; } = "";

    public string Name => ChainText.Name(Chain.Map.Name, Chain.Map.NameEn);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        // One connection and one consistent read for the map, its figures and its parks.
        var found = await db.InTransactionAsync(async session =>
        {
            var chain = await ChainMapImporter.LoadAsync(session, code.ToUpperInvariant());
            return chain is null
                ? null
                : new
                {
                    Chain = chain,
                    Figures = await ChainLocalFigures.ReadAsync(session, chain.Id),
                    Parks = await session.QueryAsync<ParkRow>(Sql.Parks, new { ChainId = chain.Id }),
                };
        }, ct);
        if (found is null)
        {
            return NotFound();
        }

        Chain = found.Chain;
        Figures = found.Figures.ToDictionary(f => f.Code, StringComparer.Ordinal);
        Parks = found.Parks;
        Svg = ChainDiagram.Render(Diagram(Chain.Map, Figures, Name, l));
        return Page();
    }

    public ChainLocalFigures.NodeLocal FiguresOf(string code) => Figures.TryGetValue(code, out var f) ? f : new ChainLocalFigures.NodeLocal { Code = code };

    /// <summary>The diagram of a chain with its local figures, labelled in the reader's language; nodes link to
    /// their row of the node list.</summary>
    public static ChainDiagramModel Diagram(ChainMap map, IReadOnlyDictionary<string, ChainLocalFigures.NodeLocal> figures, string title, IStringLocalizer l)
    {
        var nodes = map.Nodes.Select(n =>
        {
            var f = figures.TryGetValue(n.Code, out var found) ? found : new ChainLocalFigures.NodeLocal { Code = n.Code };
            return new DiagramNode(n.Code, ChainText.Name(n.Name, n.NameEn), n.Segment, n.Parent, n.Key, (int)f.LocalCount, f.LocalOutputWan, null, "#node-" + n.Code);
        }).ToList();
        var edges = map.Edges.Select(e => new DiagramEdge(e.From, e.To, e.Weight)).ToList();
        var labels = ChainText.DiagramLabels(l, "Chains.Status.", title);
        return new ChainDiagramModel(nodes, edges, labels);
    }

    public sealed record ParkRow(long Id, string Name);

    internal static class Sql
    {
        public const string Parks = """
            SELECT p.Id, p.Name
            FROM ParkChains pc
            JOIN Parks p ON p.Id = pc.ParkId
            WHERE pc.ChainId = @ChainId
            ORDER BY p.Name
            """;
    }
}
