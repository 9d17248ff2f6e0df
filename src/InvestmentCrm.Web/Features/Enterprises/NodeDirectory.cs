namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>Chain nodes by "CHAIN:NODE", loaded once per import or form.</summary>
public sealed class NodeDirectory(IReadOnlyDictionary<string, long> ids)
{
    public int Count => ids.Count;

    public bool TryGet(ChainNodeRef node, out long id) => ids.TryGetValue(Key(node), out id);

    public bool Contains(ChainNodeRef node) => ids.ContainsKey(Key(node));

    public IReadOnlyList<long> AllIds => [.. ids.Values];

    private static string Key(ChainNodeRef node) => node.ChainCode.ToUpperInvariant() + ":" + node.NodeCode.ToUpperInvariant();
}
