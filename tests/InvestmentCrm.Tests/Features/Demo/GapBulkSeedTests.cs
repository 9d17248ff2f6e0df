using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Features.Demo;

namespace InvestmentCrm.Tests.Features.Demo;

public sealed class GapBulkSeedTests
{
    [Fact]
    public void Bulk_chain_has_the_asked_nodes_in_four_segments_about_two_edges_each_and_cycles()
    {
        var map = GapBulkSeed.Chain(500);

        Assert.Equal(500, map.Nodes.Count);
        Assert.Empty(ChainMapValidator.Validate(map));
        Assert.All(Segments.All, s => Assert.InRange(map.Nodes.Count(n => n.Segment == s), 120, 130));
        Assert.InRange(map.Edges.Count, 900, 1100);
        // A downstream node feeding an upstream one closes a cycle through the midstream.
        var segmentOf = map.Nodes.ToDictionary(n => n.Code, n => n.Segment);
        Assert.Contains(map.Edges, e => segmentOf[e.From] == Segments.Downstream && segmentOf[e.To] == Segments.Upstream);
        Assert.Equal(map, GapBulkSeed.Chain(500));
    }
}
