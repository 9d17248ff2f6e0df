using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Domain.Gaps;

namespace InvestmentCrm.Tests.Domain.Gaps;

/// <summary>The gap model of docs/en/gap-model.md on small chains whose figures are worked out by hand in each test.</summary>
public sealed class GapModelTests
{
    private static GapNodeInput Node(string code, int locals = 0, decimal output = 0, bool key = false, IReadOnlyList<StageCount>? pipeline = null, IReadOnlyList<string>? industry = null) =>
        new(code, code + "名", code + " en", Segments.Midstream, null, key, industry ?? [], locals, output, pipeline ?? [], []);

    private static ChainGaps Analyse(IReadOnlyList<GapNodeInput> nodes, IReadOnlyList<GapEdgeInput> edges, GapSettings? settings = null) =>
        GapModel.Analyse(new GapInputs("T", "测试链", "Test", nodes, edges), settings ?? GapSettings.Default);

    // RAW→PART (no weight), PART→ASM (0.5), ASM→SHOP (no weight); ISO has nothing; LOC has a local firm only.
    //   D(RAW) = 1·Y(PART) = 100, no local        → missing, unmet 100
    //   D(PART) = 0.5·Y(ASM) = 150 > Y(PART) 100  → weak, unmet 50
    //   D(ASM) = 1·Y(SHOP) = 0 ≤ 300              → covered
    //   SHOP: no local, D 0, S = Y(ASM)/1 = 300   → extend
    //   ISO → none; LOC: local, D 0               → covered
    // max unmet 100, max S 300: RAW 0.6·1 = 0.6; PART 0.6·0.5 = 0.3; SHOP 0.2·1 = 0.2; ASM 0.2·100/300.
    private static ChainGaps EveryStatus() => Analyse(
        [Node("RAW"), Node("PART", 1, 100m), Node("ASM", 2, 300m), Node("SHOP"), Node("ISO"), Node("LOC", 1, 50m)],
        [new("RAW", "PART", null), new("PART", "ASM", 0.5m), new("ASM", "SHOP", null)]);

    [Fact]
    public void Each_status_follows_from_local_enterprises_demand_and_supply()
    {
        var result = EveryStatus();

        Assert.Equal(
            ["missing", "weak", "covered", "extend", "none", "covered"],
            result.Nodes.Select(n => n.Status));
        Assert.Equal([100m, 150m, 0m, 0m, 0m, 0m], result.Nodes.Select(n => n.DemandWan));
        Assert.Equal([0m, 0m, 100m, 300m, 0m, 0m], result.Nodes.Select(n => n.SupplyWan));
    }

    [Fact]
    public void Gaps_are_ranked_by_score_and_other_nodes_have_no_rank()
    {
        var result = EveryStatus();

        Assert.Equal(["RAW", "PART", "SHOP"], result.Ranked.Select(n => n.Code));
        Assert.Equal([1, 2, 3], result.Ranked.Select(n => n.Rank!.Value));
        Assert.Equal(0.6, result.Find("RAW")!.Score, 6);
        Assert.Equal(0.3, result.Find("PART")!.Score, 6);
        Assert.Equal(0.2, result.Find("SHOP")!.Score, 6);
        Assert.Equal(0.2 * 100 / 300, result.Find("ASM")!.Score, 6);
        Assert.All(new[] { "ASM", "ISO", "LOC" }, code => Assert.Null(result.Find(code)!.Rank));
        Assert.Equal(0, result.Find("ISO")!.Score);
    }

    [Fact]
    public void Score_parts_show_each_normalised_input_weight_and_the_discount()
    {
        var part = EveryStatus().Find("PART")!;

        Assert.Equal(50m, part.UnmetDemandWan);
        Assert.Equal(100m, part.Parts.MaxUnmetDemandWan);
        Assert.Equal(300m, part.Parts.MaxSupplyWan);
        Assert.Equal(0.5, part.Parts.DemandNorm, 6);
        Assert.Equal(0.3, part.Parts.DemandPart, 6);
        Assert.Equal(0, part.Parts.SupplyPart);
        Assert.Equal(1, part.Parts.Discount);
        var demand = Assert.Single(part.DemandFrom);
        Assert.Equal(("ASM", 0.5m, false, 300m, 150m), (demand.NodeCode, demand.Weight, demand.WeightIsDefault, demand.OutputWan, demand.ContributionWan));
    }

    [Fact]
    public void A_node_without_edges_or_enterprises_is_none_and_an_empty_chain_is_no_error()
    {
        var lonely = Analyse([Node("A"), Node("B")], []);
        Assert.All(lonely.Nodes, n => Assert.Equal(("none", (int?)null, 0.0), (n.Status, n.Rank, n.Score)));

        Assert.Empty(Analyse([], []).Nodes);
    }

    // A→B→C→A, Y(A) 100 local, Y(C) 40 local, each in- and out-degree 1:
    //   D(A) = Y(B) = 0 → covered; D(B) = Y(C) = 40, no local → missing; D(C) = Y(A) = 100 > 40 → weak, unmet 60.
    //   S(A) = Y(C) = 40, S(B) = Y(A) = 100, S(C) = Y(B) = 0; max unmet 60, max S 100.
    //   B = 0.6·40/60 + 0.2·1 = 0.6; C = 0.6·1 + 0 = 0.6: a tie, won by the more severe status (missing).
    [Fact]
    public void A_supply_cycle_is_computed_from_each_node_s_own_edges_without_looping()
    {
        var result = Analyse(
            [Node("A", 1, 100m), Node("B"), Node("C", 1, 40m)],
            [new("A", "B", null), new("B", "C", null), new("C", "A", null)]);

        Assert.Equal(["covered", "missing", "weak"], result.Nodes.Select(n => n.Status));
        Assert.Equal([0m, 40m, 100m], result.Nodes.Select(n => n.DemandWan));
        Assert.Equal([40m, 100m, 0m], result.Nodes.Select(n => n.SupplyWan));
        Assert.Equal(result.Find("B")!.Score, result.Find("C")!.Score);
        Assert.Equal(["B", "C"], result.Ranked.Select(n => n.Code));
    }

    [Fact]
    public void Default_edge_weight_is_one_over_the_in_degree_and_a_given_weight_is_used_as_is()
    {
        // X→V (0.3) and Y→V (none, so 1/2); Y(V) = 1000 → D(X) = 300, D(Y) = 500.
        var result = Analyse([Node("X"), Node("Y"), Node("V", 1, 1000m)], [new("X", "V", 0.3m), new("Y", "V", null)]);

        Assert.Equal(300m, result.Find("X")!.DemandWan);
        Assert.Equal(500m, result.Find("Y")!.DemandWan);
        var term = Assert.Single(result.Find("Y")!.DemandFrom);
        Assert.True(term.WeightIsDefault);
        Assert.Equal(2, term.InDegree);
        // Supply splits the supplier's output over its out-edges: V gets nothing since X and Y have no output.
        Assert.Equal(0m, result.Find("V")!.SupplyWan);
    }

    [Fact]
    public void Weights_change_the_order_a_key_link_can_outrank_a_bigger_demand()
    {
        // BIG: unmet 100 (norm 1); KEY: unmet 20 (norm 0.2), key link.
        IReadOnlyList<GapNodeInput> nodes = [Node("BIG"), Node("KEY", key: true), Node("BUY", 1, 100m), Node("BUY2", 1, 20m)];
        IReadOnlyList<GapEdgeInput> edges = [new("BIG", "BUY", 1m), new("KEY", "BUY2", 1m)];

        var byDefault = Analyse(nodes, edges);
        Assert.Equal(["BIG", "KEY"], byDefault.Ranked.Select(n => n.Code)); // 0.6 vs 0.6·0.2 + 0.2 = 0.32

        var keyHeavy = GapSettings.Default with { WeightDemand = 0.2m, WeightSupply = 0m, WeightKey = 0.8m };
        var result = Analyse(nodes, edges, keyHeavy);
        Assert.Equal(["KEY", "BIG"], result.Ranked.Select(n => n.Code)); // 0.2·0.2 + 0.8 = 0.84 vs 0.2
        Assert.Equal(0.84, result.Find("KEY")!.Score, 6);
    }

    [Fact]
    public void Active_projects_discount_the_score_by_their_stage_probabilities_capped_at_one()
    {
        // One site visit (0.25) and one negotiation (0.5): P = 0.75; closed stages count nothing.
        var half = Node("H", pipeline: [new("site_visit", 1), new("negotiation", 1), new("in_production", 3), new("lost", 2), new("on_hold", 1)]);
        // Two signed (0.8 each): 1.6, capped at 1.
        var full = Node("F", pipeline: [new("signed", 2)]);
        var result = Analyse([half, full, Node("B", 1, 100m)], [new("H", "B", 1m), new("F", "B", 1m)]);

        var h = result.Find("H")!;
        Assert.Equal(0.75m, h.PipelineCoverage);
        Assert.Equal(2, h.ProjectCount);
        Assert.Equal(0.6 * 0.25, h.Score, 6);
        Assert.Equal(["site_visit", "negotiation"], h.Pipeline.Select(p => p.Stage));

        var f = result.Find("F")!;
        Assert.Equal(1m, f.PipelineCoverage);
        Assert.Equal(0, f.Score);
        Assert.Equal("missing", f.Status); // still a gap until the enterprise is local
        Assert.Equal(["H", "F"], result.Ranked.Select(n => n.Code));
    }

    [Fact]
    public void Stage_probabilities_come_from_the_settings()
    {
        var settings = GapSettings.Default with
        {
            StageProbabilities = new Dictionary<string, decimal>(GapSettings.Default.StageProbabilities) { ["lead"] = 0.3m },
        };
        var result = Analyse([Node("N", pipeline: [new("lead", 2)]), Node("B", 1, 10m)], [new("N", "B", 1m)], settings);

        Assert.Equal(0.6m, result.Find("N")!.PipelineCoverage);
        Assert.Equal(0.6 * 0.4, result.Find("N")!.Score, 6);
    }

    [Fact]
    public void Equal_scores_and_statuses_rank_by_unmet_demand_then_key_then_chain_order()
    {
        // All three: missing, score 0.6·norm. A and B: unmet 50 (norm 1 → 0.6); C: key but weight 0 → 0.6 too.
        var settings = GapSettings.Default with { WeightKey = 0m, WeightSupply = 0m };
        var result = Analyse(
            [Node("A"), Node("B"), Node("C", key: true), Node("V", 1, 50m)],
            [new("A", "V", 1m), new("B", "V", 1m), new("C", "V", 1m)],
            settings);

        Assert.Equal(["C", "A", "B"], result.Ranked.Select(n => n.Code));
        Assert.Equal([1, 2, 3], result.Ranked.Select(n => n.Rank!.Value));
    }

    [Fact]
    public void The_strategic_share_counts_industry_codes_under_the_configured_prefixes()
    {
        var settings = GapSettings.Default with { WeightDemand = 0m, WeightSupply = 0m, WeightKey = 0m, WeightStrategic = 1m, StrategicIndustryCodes = ["C35"] };
        var result = Analyse([Node("S", industry: ["3553", "1810"]), Node("B", 1, 10m)], [new("S", "B", 1m)], settings);

        Assert.Equal(0.5, result.Find("S")!.Parts.StrategicShare, 6);
        Assert.Equal(0.5, result.Find("S")!.Score, 6);
        Assert.Contains(result.Find("S")!.Reasons, r => r.Key == "Gaps.Reason.Strategic");
    }

    [Fact]
    public void Reasons_name_the_status_the_downstream_buyers_and_the_pipeline()
    {
        var raw = EveryStatus().Find("RAW")!;

        Assert.Equal(["Gaps.Reason.Missing", "Gaps.Reason.DemandFrom", "Gaps.Reason.NoPipeline"], raw.Reasons.Select(r => r.Key));
        Assert.Equal(100m, raw.Reasons[0].Args[0]);
        Assert.Equal([new NodeRef("PART")], (NodeRef[])raw.Reasons[1].Args[0]);
    }

    [Fact]
    public void Unknown_edge_ends_self_loops_and_repeated_codes_are_ignored()
    {
        var result = Analyse([Node("A"), Node("A", 5, 5m), Node("B", 1, 10m)], [new("A", "B", null), new("A", "A", null), new("A", "GHOST", null)]);

        Assert.Equal(2, result.Nodes.Count);
        Assert.Equal(10m, result.Find("A")!.DemandWan);
        Assert.Equal("missing", result.Find("A")!.Status);
    }
}
