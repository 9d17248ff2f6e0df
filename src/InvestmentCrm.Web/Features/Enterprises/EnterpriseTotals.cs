using Dapper;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>
/// How many enterprises a filter of the list matches: the pager's total. Counting 100,000 enterprises cost the list
/// more than reading its page (a quarter of the page's CPU), and the figure changes only with a write to what it
/// counts, so it is kept on this node (a singleton) with the <see cref="DataVersions"/> stamp of
/// <see cref="ReadsFrom"/> and counted again after any write to them — never stale, by the rule of
/// <see cref="VersionedCache{TKey, TValue}"/>. Only filters from bounded sets are kept: a kind, a region the registry
/// holds, a chain or chain node (already resolved to its id). A search (its text is anything a user types) and a
/// qualification (its table has no data version) are counted at every view.
/// </summary>
public sealed class EnterpriseTotals(IDb db, RequestDataVersions versions, EnterpriseRegions regions)
{
    /// <summary>What the kept filters count: the enterprises, and their chain nodes for the chain filters.</summary>
    public static readonly IReadOnlyList<string> ReadsFrom = [DataVersions.Enterprises, DataVersions.EnterpriseNodes, DataVersions.ChainNodes];

    private readonly VersionedCache<string, long> totals = new();

    public async Task<long> CountAsync(EnterpriseFilter filter, EnterpriseWhere where, CancellationToken ct)
    {
        var sql = EnterpriseList.Render(EnterpriseList.Sql.Count, where);
        if (!await KeptAsync(filter, ct))
        {
            return await db.ExecuteScalarAsync<long>(sql, where.Parameters, ct);
        }

        var lookup = (SqlMapper.IParameterLookup)where.Parameters;
        var key = string.Join('\n', where.Parameters.ParameterNames.Order(StringComparer.Ordinal).Select(name => name + "=" + lookup[name]).Prepend(where.Conditions));
        return await totals.GetAsync(key, await versions.StampAsync(ReadsFrom, ct), () => db.ExecuteScalarAsync<long>(sql, where.Parameters, ct));
    }

    private async Task<bool> KeptAsync(EnterpriseFilter filter, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(filter.Q) || !string.IsNullOrWhiteSpace(filter.Qualification))
        {
            return false;
        }

        if (EnterpriseList.Region(filter.Region) is not var (province, city))
        {
            return true;
        }

        return (await regions.AllAsync(ct)).Any(r => r.Province == province && (city is null || r.City == city));
    }
}
