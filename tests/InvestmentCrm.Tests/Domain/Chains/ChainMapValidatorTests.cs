using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Tests.Domain.Chains;

public class ChainMapValidatorTests
{
    private static ChainNodeSpec Node(string code, string segment = Segments.Midstream, string? parent = null, params string[] industryCodes) =>
        new(code, code + " 节点", null, segment, parent, industryCodes, false, null);

    private static ChainMap Map(IReadOnlyList<ChainNodeSpec>? nodes = null, IReadOnlyList<ChainEdgeSpec>? edges = null) =>
        new("SEW", "缝制设备产业链", "Sewing equipment", null,
            nodes ??
            [
                Node("UP", Segments.Upstream),
                Node("CAST", Segments.Upstream, "UP", "3391", "C3392"),
                Node("MID"),
                Node("HANG", Segments.Midstream, "MID", "3553"),
                Node("DOWN", Segments.Downstream),
                Node("APPAREL", Segments.Downstream, "DOWN", "18"),
                Node("RECYC", Segments.Support),
            ],
            edges ?? [new("CAST", "HANG", 0.4m), new("HANG", "APPAREL", 0.3m), new("APPAREL", "RECYC", null)]);

    private static FieldProblem Only(ChainMap map) => Assert.Single(ChainMapValidator.Validate(map));

    [Fact]
    public void A_valid_map_has_no_problems() => Assert.Empty(ChainMapValidator.Validate(Map()));

    [Fact]
    public void A_recycling_cycle_of_supply_edges_is_valid()
    {
        var map = Map() with { Edges = [.. Map().Edges, new("RECYC", "CAST", 0.2m)] };
        Assert.Empty(ChainMapValidator.Validate(map));
    }

    [Theory]
    [InlineData("sew")]
    [InlineData("_SEW")]
    [InlineData("SEW CHAIN")]
    [InlineData("缝制")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")]
    public void Chain_code_must_match_the_pattern(string code) =>
        Assert.Equal(new FieldProblem("code", ChainProblemKeys.BadCode, code), Only(Map() with { Code = code }));

    [Theory]
    [InlineData("S")]
    [InlineData("SEW-2_B")]
    [InlineData("9SEW")]
    [InlineData("  SEW  ")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    public void Chain_codes_that_match_after_trimming_are_accepted(string code) =>
        Assert.Empty(ChainMapValidator.Validate(Map() with { Code = code }));

    [Fact]
    public void Blank_codes_are_required()
    {
        Assert.Equal(new FieldProblem("code", ChainProblemKeys.CodeRequired), Only(Map() with { Code = " " }));
        var nodes = Map().Nodes.Append(Node("")).ToList();
        Assert.Equal(new FieldProblem("nodes[7]", ChainProblemKeys.CodeRequired), Only(Map(nodes)));
    }

    [Fact]
    public void Node_code_must_match_the_pattern()
    {
        var nodes = Map().Nodes.Append(Node("hang-2")).ToList();
        Assert.Equal(new FieldProblem("nodes[7]", ChainProblemKeys.BadCode, "hang-2"), Only(Map(nodes)));
    }

    [Fact]
    public void Names_are_required_and_limited_to_100_characters()
    {
        Assert.Equal(new FieldProblem("name", ChainProblemKeys.NameRequired), Only(Map() with { Name = "  " }));
        Assert.Equal(new FieldProblem("name", ChainProblemKeys.NameTooLong, 100, 101), Only(Map() with { Name = new string('链', 101) }));
        Assert.Empty(ChainMapValidator.Validate(Map() with { Name = new string('链', 100) }));
        Assert.Equal(new FieldProblem("nameEn", ChainProblemKeys.NameEnTooLong, 100, 101), Only(Map() with { NameEn = new string('a', 101) }));

        var nodes = Map().Nodes.ToList();
        nodes[3] = nodes[3] with { Name = "" };
        nodes[5] = nodes[5] with { Name = new string('衣', 120) };
        Assert.Equal(
            [new FieldProblem("nodes[3]", ChainProblemKeys.NameRequired), new FieldProblem("nodes[5]", ChainProblemKeys.NameTooLong, 100, 120)],
            ChainMapValidator.Validate(Map(nodes)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upstream")]
    [InlineData("上游")]
    [InlineData("other")]
    public void Segment_must_be_one_of_the_four(string segment)
    {
        var nodes = Map().Nodes.ToList();
        nodes[6] = nodes[6] with { Segment = segment };
        Assert.Equal(new FieldProblem("nodes[6]", ChainProblemKeys.BadSegment, "RECYC", segment), Only(Map(nodes)));
    }

    [Fact]
    public void Node_codes_are_unique_within_the_chain()
    {
        var nodes = Map().Nodes.Append(Node("HANG")).Append(Node(" HANG ")).ToList();
        Assert.Equal(
            [
                new FieldProblem("nodes[7]", ChainProblemKeys.DuplicateNodeCode, "HANG", "nodes[3]"),
                new FieldProblem("nodes[8]", ChainProblemKeys.DuplicateNodeCode, "HANG", "nodes[3]"),
            ],
            ChainMapValidator.Validate(Map(nodes)));
    }

    [Fact]
    public void Parent_must_be_a_node_of_the_chain()
    {
        var nodes = Map().Nodes.Append(Node("CUT", Segments.Midstream, "CUTTING")).ToList();
        Assert.Equal(new FieldProblem("nodes[7]", ChainProblemKeys.ParentNotFound, "CUT", "CUTTING"), Only(Map(nodes)));
    }

    [Fact]
    public void A_node_cannot_be_its_own_parent()
    {
        var nodes = Map().Nodes.ToList();
        nodes[2] = nodes[2] with { Parent = "MID" };
        Assert.Equal(new FieldProblem("nodes[2]", ChainProblemKeys.ParentCycle, "MID → MID"), Only(Map(nodes)));
    }

    [Fact]
    public void A_parent_loop_is_reported_once_from_its_first_node()
    {
        var nodes = Map().Nodes.ToList();
        nodes.Add(Node("A", Segments.Midstream, "C"));
        nodes.Add(Node("B", Segments.Midstream, "A"));
        nodes.Add(Node("C", Segments.Midstream, "B"));
        nodes.Add(Node("D", Segments.Midstream, "B")); // hangs off the loop: not a loop itself
        Assert.Equal(new FieldProblem("nodes[7]", ChainProblemKeys.ParentCycle, "A → C → B → A"), Only(Map(nodes)));
    }

    [Fact]
    public void A_child_may_sit_in_another_segment_than_its_parent()
    {
        var nodes = Map().Nodes.Append(Node("LOGI", Segments.Support, "DOWN")).ToList();
        Assert.Empty(ChainMapValidator.Validate(Map(nodes)));
    }

    [Theory]
    [InlineData("355")]
    [InlineData("35")]
    [InlineData("C3553")]
    [InlineData("T9700")]
    public void Industry_codes_of_gb_t_4754_shape_are_accepted(string code)
    {
        var nodes = Map().Nodes.Append(Node("X", Segments.Midstream, null, code)).ToList();
        Assert.Empty(ChainMapValidator.Validate(Map(nodes)));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("35531")]
    [InlineData("U3553")]
    [InlineData("c3553")]
    [InlineData("C")]
    [InlineData("３５５３")]
    [InlineData("")]
    public void Industry_codes_of_another_shape_are_rejected(string code)
    {
        var nodes = Map().Nodes.Append(Node("X", Segments.Midstream, null, "3553", code)).ToList();
        Assert.Equal(new FieldProblem("nodes[7]", ChainProblemKeys.BadIndustryCode, "X", code), Only(Map(nodes)));
    }

    [Fact]
    public void Edge_ends_must_be_nodes_of_the_chain()
    {
        var map = Map(edges: [new("HANG", "SHOE", null), new("GHOST", "PHANTOM", null), new("", "HANG", null)]);
        Assert.Equal(
            [
                new FieldProblem("HANG→SHOE", ChainProblemKeys.EdgeNodeNotFound, "SHOE"),
                new FieldProblem("GHOST→PHANTOM", ChainProblemKeys.EdgeNodeNotFound, "GHOST"),
                new FieldProblem("GHOST→PHANTOM", ChainProblemKeys.EdgeNodeNotFound, "PHANTOM"),
                new FieldProblem("edges[2]", ChainProblemKeys.EdgeEndRequired),
            ],
            ChainMapValidator.Validate(map));
    }

    [Fact]
    public void An_edge_cannot_loop_on_one_node() =>
        Assert.Equal(new FieldProblem("HANG→HANG", ChainProblemKeys.EdgeSelfLoop, "HANG"), Only(Map(edges: [new("HANG", "HANG", null)])));

    [Fact]
    public void An_edge_is_listed_once()
    {
        var map = Map(edges: [new("HANG", "APPAREL", 0.3m), new("HANG ", "APPAREL", null), new("APPAREL", "HANG", null)]);
        Assert.Equal(new FieldProblem("HANG→APPAREL", ChainProblemKeys.DuplicateEdge, "HANG", "APPAREL"), Only(map));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.1")]
    [InlineData("1.01")]
    [InlineData("30")]
    public void Edge_weight_must_be_above_0_and_at_most_1(string weight)
    {
        var w = decimal.Parse(weight, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new FieldProblem("HANG→APPAREL", ChainProblemKeys.BadEdgeWeight, w), Only(Map(edges: [new("HANG", "APPAREL", w)])));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0.0001")]
    [InlineData("0.5")]
    public void Edge_weights_in_range_are_accepted(string weight) =>
        Assert.Empty(ChainMapValidator.Validate(Map(edges: [new("HANG", "APPAREL", decimal.Parse(weight, System.Globalization.CultureInfo.InvariantCulture))])));

    [Fact]
    public void All_problems_are_reported_not_only_the_first()
    {
        var map = new ChainMap("sew", "", null, null,
            [Node("A", "sideways", "Z", "99999"), Node("A"), Node("B", Segments.Upstream, "B")],
            [new("A", "A", 2m), new("A", "NOPE", null)]);

        var keys = ChainMapValidator.Validate(map).Select(p => p.Key).ToList();

        Assert.Equal(
            [
                ChainProblemKeys.BadCode, ChainProblemKeys.NameRequired, ChainProblemKeys.BadSegment, ChainProblemKeys.BadIndustryCode,
                ChainProblemKeys.DuplicateNodeCode, ChainProblemKeys.ParentNotFound, ChainProblemKeys.ParentCycle,
                ChainProblemKeys.EdgeSelfLoop, ChainProblemKeys.BadEdgeWeight, ChainProblemKeys.EdgeNodeNotFound,
            ],
            keys);
    }

    [Fact]
    public void Every_key_has_a_chinese_and_an_english_message()
    {
        var strings = InvestmentCrm.Web.Infrastructure.Localization.UiStrings.LoadEmbedded();
        var keys = typeof(ChainProblemKeys).GetFields().Select(f => (string)f.GetValue(null)!).ToList();

        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.True(strings.For("zh-CN").ContainsKey(key), key);
            Assert.True(strings.For("en").ContainsKey(key), key);
        }
    }

    [Theory]
    [InlineData("CREATE")]
    [InlineData("IMPORT")]
    public void Chain_codes_that_would_shadow_a_page_are_refused(string code)
    {
        var map = new ChainMap(code, "测试链", null, null, [], []);

        var problem = Assert.Single(ChainMapValidator.Validate(map), p => p.Key == ChainProblemKeys.ReservedCode);

        Assert.Equal("code", problem.Field);
    }
}
