using System.Globalization;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Features.Chains;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary>
/// The chain diagram coloured by gap status (red missing, amber weak, blue extend, green covered), each gap marked
/// with its rank: the same drawing as /chains/{code}, for the gaps page and the chain-gap PDF report.
/// </summary>
public static class GapDiagram
{
    /// <param name="href">Where a click on a node goes; null for no links (e.g. in a PDF).</param>
    public static ChainDiagramModel Model(ChainGaps chain, IStringLocalizer l, Func<NodeGap, string?>? href = null)
    {
        var nodes = chain.Nodes.Select(n => new DiagramNode(
            n.Code,
            GapText.Name(n),
            n.Segment,
            n.Parent,
            n.IsKey,
            n.LocalCount,
            n.LocalOutputWan,
            n.Status,
            href?.Invoke(n),
            n.Rank is { } rank ? "#" + rank.ToString(CultureInfo.CurrentCulture) : null,
            string.Join("\n", new[] { GapText.Status(l, n.Status) + (n.IsGap ? " · " + l["Gaps.Score"] + " " + GapText.Score(n.Score) : "") }
                .Concat(GapText.Reasons(l, chain, n))))).ToList();

        // The supply edges are the terms of each node's demand: n→v for every downstream node v it sells to.
        var edges = chain.Nodes
            .SelectMany(n => n.DemandFrom.Select(d => new DiagramEdge(n.Code, d.NodeCode, d.WeightIsDefault ? null : d.Weight)))
            .ToList();
        var labels = ChainText.DiagramLabels(l, "Gaps.Legend.", l["Gaps.DiagramTitle", GapText.Name(chain)]);
        return new ChainDiagramModel(nodes, edges, labels);
    }

    public static string Svg(ChainGaps chain, IStringLocalizer l, Func<NodeGap, string?>? href = null) =>
        ChainDiagram.Render(Model(chain, l, href));
}
