using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>
/// The provinces and cities enterprises are registered in, the enterprise list's region filter. They change rarely
/// but cost a DISTINCT over every enterprise per request, so they are kept on this node (a singleton) with the
/// <see cref="DataVersions"/> stamp of <c>Enterprises</c> and read again only after a write to it: never stale, and
/// one small query per request otherwise. (The chain nodes are a search-as-you-type picker: no list to keep.)
/// </summary>
public sealed class EnterpriseRegions(IDb db)
{
    private static readonly IReadOnlyList<string> ReadsFrom = [DataVersions.Enterprises];

    private readonly VersionedCache<bool, IReadOnlyList<RegionOption>> regions = new();

    public async Task<IReadOnlyList<RegionOption>> AllAsync(CancellationToken ct) =>
        await regions.GetAsync(true, await DataVersions.StampAsync(db, ReadsFrom, ct), () => EnterpriseList.RegionOptionsAsync(db, ct));
}
