using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>
/// The local enterprises mapped to each node of a chain and their annual revenue: the chain page's figures and the
/// gap model's Yₙ, one definition for both. Prospects are targets, not part of the chain's output yet.
/// The figures are kept per node in ChainNodeLocalTotals by triggers on every write to the mappings, the
/// enterprises and the nodes (db/*/0032_chain_node_local_totals.sql), so a read is one indexed pass over the
/// chain's nodes, whatever share of the registry the chain holds. Computing them per read cost 80–120 ms of CPU on
/// the 500-node BULK chain (115,000 local mappings of 100,000 enterprises), mostly SQLite's temporary B-tree for the
/// GROUP BY; before the join order was fixed it was far worse: grouping by the node's code with a free join order
/// made SQLite read every local enterprise once per node, 46 s a page.
/// </summary>
public static class ChainLocalFigures
{
    public sealed class NodeLocal
    {
        public long NodeId { get; set; }
        public string Code { get; set; } = "";
        public long LocalCount { get; set; }
        public decimal LocalOutputWan { get; set; }
    }

    /// <summary>The figures of every node that has local enterprises (nodes without any have no row).</summary>
    public static async Task<IReadOnlyList<NodeLocal>> ReadAsync(DbSession session, long chainId) =>
        (await session.QueryAsync<Totals>(Sql.ByChain, new { ChainId = chainId }))
            .Select(t => new NodeLocal { NodeId = t.NodeId, Code = t.Code, LocalCount = t.LocalCount, LocalOutputWan = t.LocalOutputCents / 100m })
            .ToList();

    /// <summary>A node's row as stored: the revenue in whole 0.01 万元, summed exactly (see the migration).</summary>
    private sealed class Totals
    {
        public long NodeId { get; set; }
        public string Code { get; set; } = "";
        public long LocalCount { get; set; }
        public decimal LocalOutputCents { get; set; }
    }

    internal static class Sql
    {
        // The chain's nodes from UQ_ChainNodes_Code (ChainId, Code), each node's totals by its key.
        public const string ByChain = """
            SELECT n.Id AS NodeId, n.Code, t.LocalCount, t.LocalOutputCents
            FROM ChainNodes n
            JOIN ChainNodeLocalTotals t ON t.NodeId = n.Id
            WHERE n.ChainId = @ChainId AND t.LocalCount > 0
            """;
    }
}
