using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Tests.Domain.Chains;

/// <summary>The demo chain of the seed story (Jiaojiang sewing equipment) is a valid chain map.</summary>
public class SewChainTests
{
    private static ChainMap Load()
    {
        var parse = ChainMapJson.Parse(File.ReadAllText(Path.Combine(InvestmentCrm.Tests.Support.RepoPaths.Web, "Features", "Demo", "sew-chain.json")));
        Assert.Empty(parse.Problems);
        return parse.Map!;
    }

    [Fact]
    public void Sew_chain_passes_the_validator() => Assert.Empty(ChainMapValidator.Validate(Load()));

    [Fact]
    public void Sew_chain_has_the_hanging_system_as_a_key_midstream_link()
    {
        var map = Load();

        Assert.Equal("SEW", map.Code);
        Assert.InRange(map.Nodes.Count, 22, 28);
        Assert.InRange(map.Edges.Count, 25, 40);
        Assert.InRange(map.Nodes.Count(n => n.Key), 4, 6);
        Assert.All(map.Nodes, n => Assert.False(string.IsNullOrWhiteSpace(n.NameEn)));
        Assert.Equal(new ChainNodeSpec("HANG", "智能吊挂系统", "Intelligent hanging systems", Segments.Midstream, "MID", ["3553"], true, map.Nodes.Single(n => n.Code == "HANG").Description), map.Nodes.Single(n => n.Code == "HANG"));
        Assert.Contains(new ChainEdgeSpec("HANG", "APPAREL", 0.3m), map.Edges);
        Assert.Equal(["UP", "MID", "DOWN", "SUP"], map.Nodes.Where(n => n.Parent is null).Select(n => n.Code));
    }

    [Fact]
    public void Sew_chain_recycling_feeds_back_into_castings()
    {
        var map = Load();
        var next = map.Edges.ToLookup(e => e.From, e => e.To);

        // A path from RECYC back to RECYC through castings: supply edges form a cycle.
        var reached = new HashSet<string>();
        var queue = new Queue<string>(["CAST"]);
        while (queue.TryDequeue(out var code))
            foreach (var to in next[code])
                if (reached.Add(to)) queue.Enqueue(to);

        Assert.Contains(new ChainEdgeSpec("RECYC", "CAST", map.Edges.Single(e => e is { From: "RECYC", To: "CAST" }).Weight), map.Edges);
        Assert.Contains("RECYC", reached);
    }

    [Fact]
    public void Sew_chain_survives_a_write_and_parse() =>
        Assert.Equal(Load(), ChainMapJson.Parse(ChainMapJson.Write(Load())).Map);
}
