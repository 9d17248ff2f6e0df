using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>
/// The choices the enterprise list and form offer: the chain nodes (grouped by chain) and the provinces and cities
/// enterprises are registered in. They change rarely but cost a scan per request (the regions a DISTINCT over every
/// enterprise), so they are kept on this node (a singleton) with the <see cref="DataVersions"/> stamp of the tables
/// they come from and read again only after a write to one of those tables: never stale, and one small query per
/// request otherwise.
/// </summary>
public sealed class EnterpriseChoices(IDb db)
{
    private static readonly IReadOnlyList<string> NodeTables = [DataVersions.Chains, DataVersions.ChainNodes];
    private static readonly IReadOnlyList<string> RegionTables = [DataVersions.Enterprises];

    private readonly VersionedCache<bool, IReadOnlyList<NodeOption>> nodes = new();
    private readonly VersionedCache<bool, IReadOnlyList<RegionOption>> regions = new();

    public async Task<IReadOnlyList<NodeOption>> NodesAsync(CancellationToken ct) =>
        await NodesAsync(await DataVersions.ReadAsync(db, ct), ct);

    /// <summary>Both lists, with one read of the counters.</summary>
    public async Task<(IReadOnlyList<NodeOption> Nodes, IReadOnlyList<RegionOption> Regions)> FilterChoicesAsync(CancellationToken ct)
    {
        var counters = await DataVersions.ReadAsync(db, ct);
        return (await NodesAsync(counters, ct),
            await regions.GetAsync(true, counters.Stamp(RegionTables), () => EnterpriseList.RegionOptionsAsync(db, ct)));
    }

    private Task<IReadOnlyList<NodeOption>> NodesAsync(DataVersions.Counters counters, CancellationToken ct) =>
        nodes.GetAsync(true, counters.Stamp(NodeTables), () => EnterpriseList.NodeOptionsAsync(db, ct));
}
