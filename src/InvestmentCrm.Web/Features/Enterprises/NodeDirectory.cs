using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>Chain nodes by "CHAIN:NODE" (either part in any case), loaded once per import.</summary>
public sealed class NodeDirectory(IReadOnlyDictionary<string, long> ids)
{
    public int Count => ids.Count;

    public bool TryGet(ChainNodeRef node, out long id) => ids.TryGetValue(Key(node.ChainCode, node.NodeCode), out id);

    public bool Contains(ChainNodeRef node) => ids.ContainsKey(Key(node.ChainCode, node.NodeCode));

    public IReadOnlyList<long> AllIds => [.. ids.Values];

    public static async Task<NodeDirectory> LoadAsync(IDb db, CancellationToken ct)
    {
        var rows = await db.QueryAsync<NodeKey>(Sql.AllNodes, ct: ct);
        return new NodeDirectory(rows.ToDictionary(r => Key(r.ChainCode, r.NodeCode), r => r.Id, StringComparer.Ordinal));
    }

    private static string Key(string chainCode, string nodeCode) => chainCode.ToUpperInvariant() + ":" + nodeCode.ToUpperInvariant();

    private sealed record NodeKey(long Id, string ChainCode, string NodeCode);

    internal static class Sql
    {
        public const string AllNodes = """
            SELECT n.Id, c.Code AS ChainCode, n.Code AS NodeCode
            FROM ChainNodes n
            JOIN Chains c ON c.Id = n.ChainId
            """;
    }
}
