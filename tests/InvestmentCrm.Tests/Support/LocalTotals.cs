using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Support;

/// <summary>
/// ChainNodeLocalTotals (kept by triggers) beside the same figures counted here, from scratch, from the raw mappings:
/// every node, a missing row read as zero, revenue summed as decimals (NULL as 0).
/// </summary>
public static class LocalTotals
{
    public sealed record NodeTotal(long NodeId, long LocalCount, decimal LocalOutputWan);

    /// <summary>Fails, naming <paramref name="after"/> and the nodes that differ, unless the stored totals are exact.</summary>
    public static async Task AssertExactAsync(IDb db, string after)
    {
        var counted = await CountedAsync(db);
        var stored = await StoredAsync(db);
        var wrong = counted.Zip(stored).Where(p => p.First != p.Second).Select(p => $"{p.First} stored as {p.Second}").ToList();
        Assert.True(counted.Count == stored.Count && wrong.Count == 0, $"after {after}: {string.Join("; ", wrong.Take(5))}");
        Assert.Equal(0L, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ChainNodeLocalTotals WHERE NodeId NOT IN (SELECT Id FROM ChainNodes)"));
    }

    /// <summary>One node's stored figures (zero without a row).</summary>
    public static async Task<NodeTotal> StoredAsync(IDb db, long nodeId) => (await StoredAsync(db)).Single(t => t.NodeId == nodeId);

    public static async Task<List<NodeTotal>> CountedAsync(IDb db)
    {
        var nodes = await db.QueryAsync<long>("SELECT Id FROM ChainNodes ORDER BY Id");
        var mappings = (await db.QueryAsync<(long NodeId, string Kind, decimal? Revenue)>("""
            SELECT en.NodeId, e.Kind, e.AnnualRevenueWan
            FROM EnterpriseNodes en
            JOIN Enterprises e ON e.Id = en.EnterpriseId
            """)).Where(m => m.Kind == "local").ToLookup(m => m.NodeId);
        return nodes.Select(n => new NodeTotal(n, mappings[n].Count(), mappings[n].Sum(m => m.Revenue ?? 0m))).ToList();
    }

    private static async Task<List<NodeTotal>> StoredAsync(IDb db) =>
        (await db.QueryAsync<(long NodeId, long? LocalCount, decimal? LocalOutputCents)>("""
            SELECT n.Id, t.LocalCount, t.LocalOutputCents
            FROM ChainNodes n
            LEFT JOIN ChainNodeLocalTotals t ON t.NodeId = n.Id
            ORDER BY n.Id
            """)).Select(r => new NodeTotal(r.NodeId, r.LocalCount ?? 0, (r.LocalOutputCents ?? 0m) / 100m)).ToList();
}
