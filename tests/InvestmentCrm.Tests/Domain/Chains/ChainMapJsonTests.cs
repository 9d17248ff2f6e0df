using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Tests.Domain.Chains;

public class ChainMapJsonTests
{
    private const string DesignExample = """
        {"code":"SEW","name":"缝制设备产业链","nameEn":"Sewing equipment",
         "nodes":[{"code":"UP","name":"上游","segment":"upstream"},
                  {"code":"HANG","name":"智能吊挂系统","nameEn":"Intelligent hanging systems","segment":"midstream",
                   "parent":"MID","industryCodes":["3553"],"key":true}],
         "edges":[{"from":"HANG","to":"APPAREL","weight":0.3}]}
        """;

    [Fact]
    public void Reads_the_format_of_the_design()
    {
        var parse = ChainMapJson.Parse(DesignExample);

        Assert.Empty(parse.Problems);
        var map = Assert.IsType<ChainMap>(parse.Map);
        Assert.Equal(("SEW", "缝制设备产业链", "Sewing equipment"), (map.Code, map.Name, map.NameEn));
        Assert.Null(map.Description);
        Assert.Equal(new ChainNodeSpec("UP", "上游", null, "upstream", null, [], false, null), map.Nodes[0]);
        Assert.Equal(new ChainNodeSpec("HANG", "智能吊挂系统", "Intelligent hanging systems", "midstream", "MID", ["3553"], true, null), map.Nodes[1]);
        Assert.Equal(new ChainEdgeSpec("HANG", "APPAREL", 0.3m), Assert.Single(map.Edges));
    }

    [Fact]
    public void Write_then_parse_gives_the_same_map()
    {
        var map = new ChainMap("SEW", "缝制设备产业链", "Sewing equipment", "椒江 \"缝制\" <设备> & 配套\n第二行",
            [
                new ChainNodeSpec("MID", "中游", "Midstream", "midstream", null, [], false, "整机"),
                new ChainNodeSpec("HANG", "智能吊挂系统", null, "midstream", "MID", ["3553", "C3553"], true, null),
                new ChainNodeSpec("APPAREL", "服装制造", "Apparel", "downstream", null, ["1810"], true, null),
            ],
            [new ChainEdgeSpec("HANG", "APPAREL", 0.3m), new ChainEdgeSpec("MID", "APPAREL", null), new ChainEdgeSpec("APPAREL", "HANG", 1m)]);

        var json = ChainMapJson.Write(map);
        var parse = ChainMapJson.Parse(json);

        Assert.Empty(parse.Problems);
        Assert.Equal(map, parse.Map);
        Assert.Contains("\"name\": \"缝制设备产业链\"", json, StringComparison.Ordinal);
        Assert.Contains("\"weight\": 0.3", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Maps_with_the_same_content_are_equal()
    {
        var a = ChainMapJson.Parse(DesignExample).Map;
        var b = ChainMapJson.Parse(DesignExample).Map;
        Assert.Equal(a, b);
        Assert.Equal(a!.GetHashCode(), b!.GetHashCode());
        Assert.NotEqual(a, b with { Nodes = [.. b.Nodes.Take(1)] });
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"code\": \"SEW\",}")]
    [InlineData("not json")]
    public void Malformed_json_is_a_problem_not_an_exception(string json)
    {
        var parse = ChainMapJson.Parse(json);

        Assert.Null(parse.Map);
        Assert.Equal(ChainProblemKeys.InvalidJson, Assert.Single(parse.Problems).Key);
    }

    [Fact]
    public void Malformed_json_reports_the_line_counted_from_one()
    {
        var parse = ChainMapJson.Parse("{\n  \"code\": \"SEW\",\n  \"name\": ,\n}");

        var problem = Assert.Single(parse.Problems);
        Assert.Equal(ChainProblemKeys.InvalidJson, problem.Key);
        Assert.Equal(3L, problem.Args[0]);
    }

    [Fact]
    public void Every_wrong_type_is_reported_with_its_path()
    {
        const string json = """
            {"code": "SEW", "name": 7, "nodes": [
               {"code": "A", "name": "甲", "segment": "upstream", "key": "yes", "industryCodes": [3553, "C3553"]},
               "B",
               {"code": "C", "name": "丙", "segment": "upstream", "industryCodes": "3553"}],
             "edges": [{"from": "A", "to": "C", "weight": "0.3"}]}
            """;

        var parse = ChainMapJson.Parse(json);

        Assert.Null(parse.Map);
        Assert.Equal(
            [
                new FieldProblem("name", ChainProblemKeys.ExpectedString),
                new FieldProblem("nodes[0].industryCodes[0]", ChainProblemKeys.ExpectedString),
                new FieldProblem("nodes[0].key", ChainProblemKeys.ExpectedBoolean),
                new FieldProblem("nodes[1]", ChainProblemKeys.ExpectedObject),
                new FieldProblem("nodes[2].industryCodes", ChainProblemKeys.ExpectedArray),
                new FieldProblem("edges[0].weight", ChainProblemKeys.ExpectedNumber),
            ],
            parse.Problems);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"SEW\"")]
    public void The_document_must_be_an_object(string json) =>
        Assert.Equal([new FieldProblem("$", ChainProblemKeys.ExpectedObject)], ChainMapJson.Parse(json).Problems);

    [Fact]
    public void Nodes_and_edges_must_be_arrays()
    {
        var parse = ChainMapJson.Parse("""{"code":"SEW","name":"缝制","nodes":{},"edges":1}""");
        Assert.Equal(
            [new FieldProblem("nodes", ChainProblemKeys.ExpectedArray), new FieldProblem("edges", ChainProblemKeys.ExpectedArray)],
            parse.Problems);
    }

    [Fact]
    public void Unknown_and_repeated_fields_are_reported()
    {
        const string json = """
            {"code":"SEW","name":"缝制","Code":"X","nodes":[{"code":"A","name":"甲","segment":"upstream","isKey":true,"name":"乙"}]}
            """;

        Assert.Equal(
            [
                new FieldProblem("$", ChainProblemKeys.UnknownProperty, "Code"),
                new FieldProblem("nodes[0]", ChainProblemKeys.UnknownProperty, "isKey"),
                new FieldProblem("nodes[0]", ChainProblemKeys.DuplicateProperty, "name"),
            ],
            ChainMapJson.Parse(json).Problems);
    }

    [Fact]
    public void Text_is_trimmed_and_empty_or_null_optional_fields_are_absent()
    {
        const string json = """
            {"code":" SEW ","name":" 缝制 ","nameEn":"  ","description":null,
             "nodes":[{"code":" A ","name":"甲","segment":" upstream ","parent":"","industryCodes":[" 3553 "],"key":null}],
             "edges":null}
            """;

        var map = ChainMapJson.Parse(json).Map!;

        Assert.Equal(("SEW", "缝制", null, null), (map.Code, map.Name, map.NameEn, map.Description));
        Assert.Equal(new ChainNodeSpec("A", "甲", null, "upstream", null, ["3553"], false, null), Assert.Single(map.Nodes));
        Assert.Empty(map.Edges);
    }

    [Fact]
    public void Missing_required_text_reads_as_empty_for_the_validator_to_report()
    {
        var map = ChainMapJson.Parse("""{"nodes":[{"segment":"upstream"}],"edges":[{"from":"A"}]}""").Map!;

        Assert.Equal("", map.Code);
        Assert.Equal(new ChainNodeSpec("", "", null, "upstream", null, [], false, null), map.Nodes[0]);
        Assert.Equal(new ChainEdgeSpec("A", "", null), map.Edges[0]);
        Assert.Contains(ChainMapValidator.Validate(map), p => p.Key == ChainProblemKeys.CodeRequired && p.Field == "code");
    }
}
