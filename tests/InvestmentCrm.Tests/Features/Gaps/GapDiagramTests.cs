using AngleSharp.Html.Parser;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Features.Gaps;
using InvestmentCrm.Web.Infrastructure.Localization;

namespace InvestmentCrm.Tests.Features.Gaps;

public sealed class GapDiagramTests
{
    [Fact]
    public void Gap_diagram_colours_nodes_by_status_marks_ranks_and_keeps_every_supply_edge()
    {
        var gaps = GapModel.Analyse(new GapInputs("T", "链", null,
            [
                new("RAW", "原料", null, Segments.Upstream, null, false, [], 0, 0, [], []),
                new("ASM", "整机", null, Segments.Midstream, null, true, [], 1, 300m, [], []),
                new("SHOP", "门店", null, Segments.Downstream, null, false, [], 0, 0, [], []),
            ],
            [new("RAW", "ASM", 0.4m), new("ASM", "SHOP", null)]), GapSettings.Default);
        var l = new JsonStringLocalizer(UiStrings.LoadEmbedded());

        var svg = new HtmlParser().ParseDocument(GapDiagram.Svg(gaps, l, n => "/chains/T/gaps/" + n.Code));

        Assert.Equal(("missing", "#1"), (svg.QuerySelector("g[data-node=RAW]")!.GetAttribute("data-status"), svg.QuerySelector("g[data-node=RAW] .chain-node-badge")!.TextContent));
        Assert.Equal("covered", svg.QuerySelector("g[data-node=ASM]")!.GetAttribute("data-status"));
        Assert.Null(svg.QuerySelector("g[data-node=ASM] .chain-node-badge"));
        Assert.Equal("extend", svg.QuerySelector("g[data-node=SHOP]")!.GetAttribute("data-status"));
        Assert.Equal(2, svg.QuerySelectorAll("g.chain-edges path").Length);
        Assert.NotNull(svg.QuerySelector("g[data-node=RAW] a[href='/chains/T/gaps/RAW']"));
    }

    [Fact]
    public void A_node_without_badge_or_tooltip_draws_as_before()
    {
        var labels = new DiagramLabels("上游", "中游", "下游", "配套", "{0} · {1:N0}", "缺", "弱", "延", "覆盖", "无", "关键");
        var plain = new DiagramNode("A", "甲", Segments.Upstream, null, false, 1, 10m, null, null);

        var svg = ChainDiagram.Render(new ChainDiagramModel([plain], [], labels));

        Assert.DoesNotContain("chain-node-badge", svg);
        Assert.Equal(svg, ChainDiagram.Render(new ChainDiagramModel([plain with { Badge = " ", Tooltip = "" }], [], labels)));
    }
}
