using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>
/// The provinces and cities enterprises are registered in, the enterprise list's region filter. They change rarely
/// but cost a DISTINCT over every enterprise per request, so they are kept on this node (a singleton) with the
/// <see cref="DataVersions"/> stamp of <c>Enterprises</c> and read again only after a write to it: never stale, and
/// one small query per request otherwise. (The chain nodes are a search-as-you-type picker: no list to keep.)
/// The same holds for the home province, which ranks the prospects of a gap (a GROUP BY over every local
/// enterprise: 200 ms at 100,000 enterprises, once per gap page view before it was kept).
/// </summary>
public sealed class EnterpriseRegions(IDb db, RequestDataVersions versions)
{
    private static readonly IReadOnlyList<string> ReadsFrom = [DataVersions.Enterprises];

    private readonly VersionedCache<bool, IReadOnlyList<RegionOption>> regions = new();

    private readonly VersionedCache<bool, string?> home = new();

    public async Task<IReadOnlyList<RegionOption>> AllAsync(CancellationToken ct) =>
        await regions.GetAsync(true, await versions.StampAsync(ReadsFrom, ct), () => EnterpriseList.RegionOptionsAsync(db, ct));

    /// <summary>Where "here" is: the province most local enterprises are registered in; null with none.</summary>
    public async Task<string?> HomeProvinceAsync(CancellationToken ct) =>
        await home.GetAsync(true, await versions.StampAsync(ReadsFrom, ct),
            () => db.QuerySingleOrDefaultAsync<string>(Sql.HomeProvince, new { Skip = 0, Take = 1 }, ct));

    internal static class Sql
    {
        public const string HomeProvince = """
            SELECT Province
            FROM Enterprises
            WHERE Kind = 'local' AND Province IS NOT NULL
            GROUP BY Province
            ORDER BY COUNT(*) DESC, Province
            /**paging**/
            """;
    }
}
