using System.Xml.Linq;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Tests.Domain.Chains;

public class ChainDiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly DiagramLabels Labels = new(
        "上游", "中游", "下游", "配套", "{0} 家 · {1} 万元", "补链", "强链", "延链", "已覆盖", "无", "关键环节", "缝制设备产业链");

    private static DiagramNode Node(string code, string segment, string? parent = null, string? status = null, bool key = false, string? name = null, string? href = null) =>
        new(code, name ?? code + "环节", segment, parent, key, 2, 1200m, status, href);

    private static ChainDiagramModel Model(IReadOnlyList<DiagramNode> nodes, IReadOnlyList<DiagramEdge>? edges = null) =>
        new(nodes, edges ?? [], Labels);

    private static ChainDiagramModel SewModel()
    {
        var map = ChainMapJson.Parse(File.ReadAllText(Path.Combine(InvestmentCrm.Tests.Support.RepoPaths.Web, "Features", "Demo", "sew-chain.json"))).Map!;
        var statuses = new[] { "missing", "weak", "extend", "covered", "none", null };
        var nodes = map.Nodes.Select((n, i) => new DiagramNode(
            n.Code, n.Name, n.Segment, n.Parent, n.Key, i % 4, i * 1234.5m, n.Code == "HANG" ? "missing" : statuses[i % statuses.Length], $"/chains/SEW/nodes/{n.Code}")).ToList();
        return new ChainDiagramModel(nodes, [.. map.Edges.Select(e => new DiagramEdge(e.From, e.To, e.Weight))], Labels);
    }

    private static XElement Parse(string svg) => XDocument.Parse(svg).Root!;

    private static XElement NodeGroup(XElement root, string code) =>
        root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-node") == code);

    [Fact]
    public void Renders_a_standalone_svg_image()
    {
        var root = Parse(ChainDiagram.Render(SewModel()));

        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Matches(@"^0 0 \d+(\.\d+)? \d+(\.\d+)?$", (string?)root.Attribute("viewBox"));
        Assert.Contains("Noto Sans CJK SC", (string?)root.Attribute("font-family"), StringComparison.Ordinal);
        Assert.Equal("缝制设备产业链", root.Element(Svg + "title")?.Value);
        Assert.Equal(27, root.Descendants(Svg + "g").Count(g => g.Attribute("data-node") is not null));
        Assert.Equal(38, root.Descendants(Svg + "path").Count(p => p.Attribute("data-from") is not null));
    }

    [Fact]
    public void Refers_to_nothing_outside_itself()
    {
        var svg = ChainDiagram.Render(SewModel());
        var root = Parse(svg);

        var urls = System.Text.RegularExpressions.Regex.Matches(svg, @"url\(([^)]*)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(urls);
        Assert.All(urls, u => Assert.StartsWith("#", u, StringComparison.Ordinal));
        Assert.Empty(root.Descendants(Svg + "image"));
        Assert.Empty(root.Descendants(Svg + "style"));
        Assert.Empty(root.Descendants(Svg + "script"));
        Assert.All(root.Descendants().Attributes().Where(a => a.Name.LocalName == "href"), a => Assert.StartsWith("/chains/", a.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Node_groups_carry_code_status_and_colours()
    {
        var root = Parse(ChainDiagram.Render(Model(
        [
            Node("A", Segments.Upstream, status: "missing"),
            Node("B", Segments.Midstream, status: "weak", key: true),
            Node("C", Segments.Midstream, status: "extend"),
            Node("D", Segments.Downstream, status: "covered"),
            Node("E", Segments.Support, status: "none"),
            Node("F", Segments.Support),
            Node("G", Segments.Support, status: "bogus"),
        ])));

        (string? Status, string? Fill, string? Stroke, string? Width) Look(string code)
        {
            var g = NodeGroup(root, code);
            var rect = g.Descendants(Svg + "rect").Single();
            return ((string?)g.Attribute("data-status"), (string?)rect.Attribute("fill"), (string?)rect.Attribute("stroke"), (string?)rect.Attribute("stroke-width"));
        }

        Assert.Equal(("missing", "#f8d7da", "#dc3545", "1.25"), Look("A"));
        Assert.Equal(("weak", "#fff3cd", "#fd7e14", "3"), Look("B"));
        Assert.Equal(("extend", "#cfe2ff", "#0d6efd", "1.25"), Look("C"));
        Assert.Equal(("covered", "#d1e7dd", "#198754", "1.25"), Look("D"));
        Assert.Equal(("none", "#e9ecef", "#adb5bd", "1.25"), Look("E"));
        Assert.Equal(("none", "#e9ecef", "#adb5bd", "1.25"), Look("F"));
        Assert.Equal(("none", "#e9ecef", "#adb5bd", "1.25"), Look("G"));
        Assert.Equal("true", (string?)NodeGroup(root, "B").Attribute("data-key"));
    }

    [Fact]
    public void Shows_the_count_line_and_the_legend_in_the_given_language()
    {
        var svg = ChainDiagram.Render(Model([Node("A", Segments.Upstream)]));
        var root = Parse(svg);

        var texts = NodeGroup(root, "A").Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal(["A环节", "2 家 · 1200 万元"], texts);
        var legend = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "chain-legend");
        Assert.Equal(["补链", "强链", "延链", "已覆盖", "无", "关键环节"], legend.Descendants(Svg + "text").Select(t => t.Value));
        var headers = root.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "chain-column").Select(g => g.Element(Svg + "text")!.Value);
        Assert.Equal(["上游", "中游", "下游", "配套"], headers);
    }

    [Fact]
    public void Every_text_is_escaped()
    {
        const string evil = "<script>alert('x')</script>&\"'";
        var svg = ChainDiagram.Render(new ChainDiagramModel(
            [Node("A&B", Segments.Upstream, name: evil, href: "/x?a=1&b=\"2\""), Node("C", Segments.Midstream, name: "控制\u0001字符")],
            [new DiagramEdge("A&B", "C", 0.5m)],
            Labels with { Upstream = "<上游>", CountFormat = "{0} <家> & {1}", Title = "\"链\" & <图>" }));

        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        var root = Parse(svg);
        var group = NodeGroup(root, "A&B");
        Assert.StartsWith(evil, group.Element(Svg + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal("/x?a=1&b=\"2\"", (string?)group.Element(Svg + "a")!.Attribute("href"));
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "<上游>");
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "2 <家> & 1200");
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "控制字符");
        Assert.Equal("\"链\" & <图>", (string?)root.Attribute("aria-label"));
    }

    [Fact]
    public void Nodes_link_only_to_web_addresses()
    {
        var root = Parse(ChainDiagram.Render(Model(
        [
            Node("A", Segments.Upstream, href: "/chains/SEW/gaps#A"),
            Node("B", Segments.Upstream, href: "javascript:alert(1)"),
            Node("C", Segments.Upstream),
        ])));

        Assert.Equal("/chains/SEW/gaps#A", (string?)NodeGroup(root, "A").Element(Svg + "a")?.Attribute("href"));
        Assert.Null(NodeGroup(root, "B").Element(Svg + "a"));
        Assert.Null(NodeGroup(root, "C").Element(Svg + "a"));
    }

    [Fact]
    public void Long_names_are_cut_with_an_ellipsis_and_kept_whole_in_the_title()
    {
        var name = "浙江省台州市椒江区智能缝制装备与服装智能制造成套系统集成服务";
        var root = Parse(ChainDiagram.Render(Model([Node("A", Segments.Upstream, name: name)])));

        var group = NodeGroup(root, "A");
        var shown = group.Descendants(Svg + "text").First().Value;
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.StartsWith(shown.TrimEnd('…'), name, StringComparison.Ordinal);
        Assert.True(ChainDiagram.TextWidth(shown, 13) <= 210 - 18);
        Assert.StartsWith(name, group.Element(Svg + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_leaves_short_text_alone_and_never_splits_a_surrogate_pair()
    {
        Assert.Equal("伺服电机", ChainDiagram.Fit("伺服电机", 100, 13));
        var cut = ChainDiagram.Fit(string.Concat(Enumerable.Repeat("𠀀", 30)), 100, 13);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.All(cut.TrimEnd('…').Chunk(2), pair => Assert.True(char.IsSurrogatePair(pair[0], pair[1])));
    }

    [Fact]
    public void Columns_run_upstream_to_downstream_with_support_at_the_right()
    {
        var layout = ChainDiagram.Layout(Model([Node("S", Segments.Support), Node("D", Segments.Downstream), Node("M", Segments.Midstream), Node("U", Segments.Upstream)]));

        var x = layout.Boxes.ToDictionary(b => b.Node.Code, b => b.Box.X);
        Assert.True(x["U"] < x["M"] && x["M"] < x["D"] && x["D"] < x["S"]);
        Assert.Equal(Segments.All, layout.Columns.Select(c => c.Segment));
    }

    [Fact]
    public void A_column_lists_parents_before_children_and_indents_children()
    {
        var layout = ChainDiagram.Layout(Model(
        [
            Node("CHILD2", Segments.Midstream, "MID"),
            Node("GRAND", Segments.Midstream, "CHILD1"),
            Node("MID", Segments.Midstream),
            Node("CHILD1", Segments.Midstream, "MID"),
            Node("OTHER", Segments.Midstream, "UP"),
            Node("UP", Segments.Upstream),
            Node("LOOP1", Segments.Midstream, "LOOP2"),
            Node("LOOP2", Segments.Midstream, "LOOP1"),
        ]));

        var mid = layout.Boxes.Where(b => b.Column == 1).OrderBy(b => b.Box.Y).ToList();
        // Siblings keep their input order; a parent in another column starts a tree; a parent loop comes last.
        Assert.Equal(["MID", "CHILD2", "CHILD1", "GRAND", "OTHER", "LOOP1", "LOOP2"], mid.Select(b => b.Node.Code));
        var depth = mid.ToDictionary(b => b.Node.Code, b => b.Depth);
        Assert.Equal((0, 1, 2, 1, 0), (depth["MID"], depth["CHILD1"], depth["GRAND"], depth["CHILD2"], depth["OTHER"]));
        var box = mid.ToDictionary(b => b.Node.Code, b => b.Box);
        Assert.True(box["MID"].X < box["CHILD1"].X && box["CHILD1"].X < box["GRAND"].X);
        Assert.Equal(box["MID"].Right, box["GRAND"].Right);
        Assert.Equal(8, layout.Boxes.Count);
    }

    [Fact]
    public void Sixty_nodes_in_four_segments_do_not_overlap()
    {
        var nodes = new List<DiagramNode>();
        var edges = new List<DiagramEdge>();
        var random = new Random(60);
        for (var i = 0; i < 60; i++)
        {
            var segment = Segments.All[i % 4];
            var siblings = nodes.Where(n => n.Segment == segment).ToList();
            var parent = siblings.Count == 0 ? null : siblings[random.Next(siblings.Count)].Code;
            nodes.Add(Node($"N{i}", segment, parent, key: i % 7 == 0, name: new string('链', 3 + i % 20)));
            if (i > 0) edges.Add(new DiagramEdge($"N{random.Next(i)}", $"N{i}", i % 3 == 0 ? 0.25m : null));
            if (i > 1) edges.Add(new DiagramEdge($"N{i}", $"N{random.Next(i)}", null));
        }

        var layout = ChainDiagram.Layout(Model(nodes, edges));

        Assert.Equal(60, layout.Boxes.Count);
        var canvas = new DiagramRect(0, 0, layout.Width, layout.Height);
        for (var i = 0; i < layout.Boxes.Count; i++)
        {
            var a = layout.Boxes[i];
            Assert.True(canvas.Contains(a.Box), a.Node.Code);
            Assert.True(layout.Columns[a.Column].Band.Contains(a.Box), a.Node.Code);
            Assert.True(a.Box.Width >= 140, a.Node.Code);
            for (var j = i + 1; j < layout.Boxes.Count; j++)
                Assert.False(a.Box.Overlaps(layout.Boxes[j].Box), $"{a.Node.Code} overlaps {layout.Boxes[j].Node.Code}");
        }
        for (var i = 0; i < layout.Columns.Count; i++)
            for (var j = i + 1; j < layout.Columns.Count; j++)
                Assert.False(layout.Columns[i].Band.Overlaps(layout.Columns[j].Band));
        Assert.All(layout.Legend, item => Assert.True(canvas.Contains(item.Swatch)));
        Assert.All(layout.Legend, item => Assert.All(layout.Columns, c => Assert.False(c.Band.Overlaps(item.Swatch))));
        AssertRoutesStayClearOfBoxes(layout);
        Parse(ChainDiagram.Render(Model(nodes, edges)));
    }

    [Fact]
    public void Edges_leave_the_right_side_and_enter_the_left_side()
    {
        var layout = ChainDiagram.Layout(SewModel());
        var box = layout.Boxes.ToDictionary(b => b.Node.Code, b => b.Box);

        Assert.Equal(38, layout.Edges.Count);
        foreach (var route in layout.Edges)
        {
            var (from, to) = (box[route.Edge.From], box[route.Edge.To]);
            Assert.Equal(new DiagramPoint(from.Right, from.CenterY), route.Points[0]);
            Assert.Equal(new DiagramPoint(to.X, to.CenterY), route.Points[^1]);
        }
    }

    [Fact]
    public void Backward_and_same_column_edges_go_around_the_boxes()
    {
        var layout = ChainDiagram.Layout(SewModel());

        // To the next column: one S-curve. Recycling back to castings, support to downstream, skipping a column
        // and staying within one: routed around, never through another box.
        Assert.Equal(2, layout.Edges.Single(e => e.Edge is { From: "HANG", To: "APPAREL" }).Points.Count);
        Assert.Equal(6, layout.Edges.Single(e => e.Edge is { From: "RECYC", To: "CAST" }).Points.Count);
        Assert.Equal(2, layout.Edges.Single(e => e.Edge is { From: "INDSEW", To: "DIST" }).Points.Count);
        Assert.Equal(6, layout.Edges.Single(e => e.Edge is { From: "CHIP", To: "ECTRL" }).Points.Count);
        Assert.Equal(6, layout.Edges.Single(e => e.Edge is { From: "LOGI", To: "APPAREL" }).Points.Count);
        Assert.Equal(6, layout.Edges.Single(e => e.Edge is { From: "STEEL", To: "PART" }).Points.Count);
        AssertRoutesStayClearOfBoxes(layout);
    }

    [Fact]
    public void Edges_to_unknown_nodes_and_self_loops_are_left_out()
    {
        var layout = ChainDiagram.Layout(Model(
            [Node("A", Segments.Upstream), Node("B", Segments.Midstream)],
            [new("A", "B", null), new("A", "GHOST", null), new("B", "B", null)]));

        Assert.Equal([new DiagramEdge("A", "B", null)], layout.Edges.Select(e => e.Edge));
    }

    [Fact]
    public void An_empty_chain_still_renders()
    {
        var root = Parse(ChainDiagram.Render(Model([])));
        Assert.Equal(4, root.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "chain-column"));
    }

    /// <summary>The straight runs of a routed edge cross no box except where it leaves its source and enters its
    /// target; the S-curves between neighbouring columns stay in the gap between them.</summary>
    private static void AssertRoutesStayClearOfBoxes(DiagramLayout layout)
    {
        var boxes = layout.Boxes.ToDictionary(b => b.Node.Code, b => b.Box);
        foreach (var route in layout.Edges)
        {
            var p = route.Points;
            if (p.Count == 2)
            {
                Assert.True(p[1].X - p[0].X >= 90, $"{route.Edge}");
                continue;
            }
            for (var i = 0; i + 1 < p.Count; i++)
            {
                var run = new DiagramRect(Math.Min(p[i].X, p[i + 1].X), Math.Min(p[i].Y, p[i + 1].Y),
                    Math.Max(0.01, Math.Abs(p[i].X - p[i + 1].X)), Math.Max(0.01, Math.Abs(p[i].Y - p[i + 1].Y)));
                foreach (var (code, box) in boxes)
                {
                    // The first run starts on the source's edge and the last ends on the target's.
                    if ((i == 0 && code == route.Edge.From) || (i == p.Count - 2 && code == route.Edge.To)) continue;
                    Assert.False(run.Overlaps(box), $"{route.Edge.From}→{route.Edge.To} run {i} crosses {code}");
                }
                foreach (var column in layout.Columns)
                    if (i is > 0 and < 4) Assert.False(run.Overlaps(column.Band), $"{route.Edge.From}→{route.Edge.To} run {i} crosses the {column.Segment} column");
            }
        }
    }
}
