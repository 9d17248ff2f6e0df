using InvestmentCrm.Web.Domain.Projects;
namespace InvestmentCrm.Web.Domain.Gaps;

/// <summary>
/// The gap model of docs/en/gap-model.md, pure: local demand from the supply edges, local supply, pipeline coverage,
/// a status per node, a score and a rank for the gaps. Every figure is a one-step sum over the node's own edges,
/// so cycles in the supply graph (recycling feeding raw materials) need no special care and cannot loop.
/// </summary>
public static class GapModel
{
    /// <summary>How many upstream or downstream nodes a reason names.</summary>
    private const int NamedInReason = 3;

    /// <remarks>An algorithm over 80 lines: the formulas of docs/en/gap-model.md in the order the document gives them,
    /// each step commented, so that the code can be read against the document line by line.</remarks>
    public static ChainGaps Analyse(GapInputs inputs, GapSettings settings)
    {
        // The first node wins when a code repeats; edges naming an unknown node or a node itself are ignored.
        var nodes = inputs.Nodes.DistinctBy(n => n.Code, StringComparer.Ordinal).ToList();
        var byCode = nodes.ToDictionary(n => n.Code, StringComparer.Ordinal);
        var edges = inputs.Edges
            .Where(e => e.From != e.To && byCode.ContainsKey(e.From) && byCode.ContainsKey(e.To))
            .DistinctBy(e => (e.From, e.To))
            .ToList();
        var inDegree = edges.CountBy(e => e.To).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var outDegree = edges.CountBy(e => e.From).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        var demandFrom = nodes.ToDictionary(n => n.Code, _ => new List<DemandContribution>(), StringComparer.Ordinal);
        var supplyFrom = nodes.ToDictionary(n => n.Code, _ => new List<SupplyContribution>(), StringComparer.Ordinal);
        foreach (var edge in edges)
        {
            var to = byCode[edge.To];
            var from = byCode[edge.From];
            var indeg = inDegree[edge.To];
            var weight = edge.Weight ?? 1m / indeg;
            demandFrom[edge.From].Add(new DemandContribution(edge.To, weight, edge.Weight is null, indeg, to.LocalOutputWan, weight * to.LocalOutputWan));
            var outdeg = outDegree[edge.From];
            supplyFrom[edge.To].Add(new SupplyContribution(edge.From, from.LocalOutputWan, outdeg, from.LocalOutputWan / outdeg));
        }

        // Figures are kept, compared and shown to 0.01 万元, so what the status says matches what the reader sees.
        var figures = nodes.Select(n =>
        {
            var demand = Round(demandFrom[n.Code].Sum(c => c.ContributionWan));
            var supply = Round(supplyFrom[n.Code].Sum(c => c.ContributionWan));
            var pipeline = n.Pipeline
                .Where(s => s.Count > 0 && ProjectStages.IsActive(s.Stage))
                .GroupBy(s => s.Stage, StringComparer.Ordinal)
                .Select(g => (Stage: g.Key, Count: g.Sum(s => s.Count)))
                .OrderBy(s => PipelineOrder(s.Stage))
                .Select(s => new StageContribution(s.Stage, s.Count, settings.Probability(s.Stage), s.Count * settings.Probability(s.Stage)))
                .ToList();
            var coverage = Math.Min(1m, pipeline.Sum(s => s.Contribution));
            return (Node: n, Demand: demand, Supply: supply, Pipeline: pipeline, Coverage: coverage, Status: StatusOf(n.LocalCount, n.LocalOutputWan, demand, supply));
        }).ToList();

        var maxUnmet = figures.Count == 0 ? 0m : figures.Max(f => Math.Max(0m, f.Demand - f.Node.LocalOutputWan));
        var maxSupply = figures.Count == 0 ? 0m : figures.Max(f => f.Supply);

        var scored = figures.Select((f, index) =>
        {
            var unmet = Math.Max(0m, f.Demand - f.Node.LocalOutputWan);
            var demandNorm = maxUnmet > 0 ? (double)(unmet / maxUnmet) : 0;
            var supplyNorm = maxSupply > 0 ? (double)(f.Supply / maxSupply) : 0;
            var strategic = settings.StrategicShare(f.Node.IndustryCodes);
            var demandPart = (double)settings.WeightDemand * demandNorm;
            var supplyPart = (double)settings.WeightSupply * supplyNorm;
            var keyPart = f.Node.IsKey ? (double)settings.WeightKey : 0;
            var strategicPart = (double)settings.WeightStrategic * strategic;
            var @base = demandPart + supplyPart + keyPart + strategicPart;
            var discount = 1 - (double)f.Coverage;
            var parts = new ScoreParts(demandNorm, demandPart, supplyNorm, supplyPart, keyPart, strategic, strategicPart, @base, discount, maxUnmet, maxSupply);
            // Rounded for ranking too: two scores the reader sees as equal are a tie, broken by the rules below.
            return (f, Index: index, Unmet: unmet, Parts: parts, Score: Math.Round(@base * discount, 6));
        }).ToList();

        // Ties: the more severe status, then the larger unmet demand, then key links, then the chain's own order.
        var rankOf = scored
            .Where(s => GapStatus.IsGap(s.f.Status))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => Severity(s.f.Status))
            .ThenByDescending(s => s.Unmet)
            .ThenByDescending(s => s.f.Node.IsKey)
            .ThenBy(s => s.Index)
            .Select((s, i) => (s.f.Node.Code, Rank: i + 1))
            .ToDictionary(p => p.Code, p => p.Rank, StringComparer.Ordinal);

        var result = scored.Select(s =>
        {
            var n = s.f.Node;
            var demand = demandFrom[n.Code].OrderByDescending(c => c.ContributionWan).ThenBy(c => c.NodeCode, StringComparer.Ordinal).ToList();
            var supply = supplyFrom[n.Code].OrderByDescending(c => c.ContributionWan).ThenBy(c => c.NodeCode, StringComparer.Ordinal).ToList();
            var projectCount = s.f.Pipeline.Sum(p => p.Count);
            var projects = Listed(n.Projects);
            var reasons = Reasons(n, s.f.Status, s.f.Demand, s.f.Supply, s.f.Coverage, projectCount, demand, supply, s.Parts, settings);
            return new NodeGap(
                n.Code, n.Name, n.NameEn, n.Segment, n.Parent, n.IsKey, s.f.Status,
                rankOf.TryGetValue(n.Code, out var rank) ? rank : null,
                s.Score, s.Parts, n.LocalCount, n.LocalOutputWan,
                s.f.Demand, demand, s.f.Supply, supply, s.f.Coverage, s.f.Pipeline, projectCount, projects, reasons);
        }).ToList();

        return new ChainGaps(inputs.ChainCode, inputs.ChainName, inputs.ChainNameEn, result, settings);
    }

    /// <summary>The covering projects a node names, as shown: active ones only, the most advanced first, then by code.</summary>
    public static IReadOnlyList<CoveringProject> Listed(IEnumerable<CoveringProject> projects) =>
        projects
            .Where(p => ProjectStages.IsActive(p.Stage))
            .OrderBy(p => -PipelineOrder(p.Stage))
            .ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToList();

    /// <summary>missing if no local enterprise and demand; weak if local output falls short of demand; extend if
    /// neither but local supply is there to build on; covered if local output meets demand; none otherwise.</summary>
    public static string StatusOf(int localCount, decimal localOutputWan, decimal demandWan, decimal supplyWan) =>
        localCount == 0
            ? demandWan > 0 ? GapStatus.Missing : supplyWan > 0 ? GapStatus.Extend : GapStatus.None
            : localOutputWan < demandWan ? GapStatus.Weak : GapStatus.Covered;

    private static List<GapReason> Reasons(
        GapNodeInput n, string status, decimal demand, decimal supply, decimal coverage, int projectCount,
        List<DemandContribution> demandFrom, List<SupplyContribution> supplyFrom, ScoreParts parts, GapSettings settings)
    {
        var reasons = new List<GapReason>
        {
            status switch
            {
                GapStatus.Missing => new GapReason("Gaps.Reason.Missing", demand),
                GapStatus.Weak => new GapReason("Gaps.Reason.Weak", n.LocalCount, n.LocalOutputWan, demand, demand - n.LocalOutputWan),
                GapStatus.Extend => new GapReason("Gaps.Reason.Extend", supply),
                GapStatus.Covered => new GapReason("Gaps.Reason.Covered", n.LocalCount, n.LocalOutputWan, demand),
                _ => new GapReason("Gaps.Reason.None"),
            },
        };

        var buyers = demandFrom.Where(c => c.ContributionWan > 0).Take(NamedInReason).Select(c => new NodeRef(c.NodeCode)).ToArray();
        if (buyers.Length > 0)
        {
            reasons.Add(new GapReason("Gaps.Reason.DemandFrom", (object)buyers));
        }

        var suppliers = supplyFrom.Where(c => c.ContributionWan > 0).Take(NamedInReason).Select(c => new NodeRef(c.NodeCode)).ToArray();
        if (supply > 0 && status != GapStatus.Covered)
        {
            reasons.Add(new GapReason("Gaps.Reason.SupplyFrom", supply, suppliers));
        }

        if (n.IsKey)
        {
            reasons.Add(new GapReason("Gaps.Reason.Key"));
        }

        if (parts.StrategicShare > 0 && settings.WeightStrategic > 0)
        {
            reasons.Add(new GapReason("Gaps.Reason.Strategic", parts.StrategicShare));
        }

        if (coverage > 0)
        {
            reasons.Add(new GapReason("Gaps.Reason.Pipeline", projectCount, (double)coverage));
        }
        else if (GapStatus.IsGap(status))
        {
            reasons.Add(new GapReason("Gaps.Reason.NoPipeline"));
        }

        return reasons;
    }

    private static int Severity(string status) => status switch
    {
        GapStatus.Missing => 0,
        GapStatus.Weak => 1,
        _ => 2,
    };

    private static int PipelineOrder(string stage)
    {
        for (var i = 0; i < ProjectStages.Active.Count; i++)
        {
            if (ProjectStages.Active[i] == stage)
            {
                return i;
            }
        }

        return ProjectStages.Active.Count;
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
