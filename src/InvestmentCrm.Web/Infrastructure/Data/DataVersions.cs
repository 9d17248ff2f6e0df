namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>
/// The write counters of migration 0017: a trigger on each counted table adds one to its counter in the same
/// transaction as every insert, update or delete, whoever runs it. A cached figure keeps the <see cref="StampAsync(IDb, IReadOnlyList{string}, CancellationToken)">stamp</see>
/// of the tables it was computed from and is used only while a fresh stamp is equal.
/// <para>Why that can never serve a stale figure: counters only grow, so the sum of a set of them (the stamp) changes
/// with every committed write to any of those tables; and the stamp is read before the data it guards, so the data
/// a value was computed from is at least as new as its stamp — a write that lands in between makes the next reader's
/// stamp differ and recompute, at worst once too often, never once too few. Nothing is time-based.</para>
/// </summary>
public static class DataVersions
{
    public const string Chains = "Chains";
    public const string ChainNodes = "ChainNodes";
    public const string ChainEdges = "ChainEdges";
    public const string Parks = "Parks";
    public const string Enterprises = "Enterprises";
    public const string EnterpriseNodes = "EnterpriseNodes";
    public const string Projects = "Projects";
    public const string ProjectNodes = "ProjectNodes";
    public const string ProjectStageChanges = "ProjectStageChanges";
    public const string Activities = "Activities";
    public const string ProjectComments = "ProjectComments";
    public const string TeamTargets = "TeamTargets";
    public const string Users = "Users";
    public const string GapSettings = "GapSettings";
    public const string CoordinationMatters = "CoordinationMatters";
    public const string NotificationReads = "NotificationReads"; // migration 0025
    public const string FundsInPlace = "FundsInPlace";
    public const string SavedViews = "SavedViews"; // migration 0033

    /// <summary>Every counted table: each has its row and triggers, in migration 0017 or in the migration that
    /// added its counter.</summary>
    public static readonly IReadOnlyList<string> Counted =
    [
        Chains, ChainNodes, ChainEdges, Parks, Enterprises, EnterpriseNodes, Projects, ProjectNodes, ProjectStageChanges,
        Activities, ProjectComments, TeamTargets, Users, GapSettings, CoordinationMatters, NotificationReads, FundsInPlace,
        SavedViews,
    ];

    /// <summary>The stamp of <paramref name="tables"/> now: read it before the data a cached value is computed from.</summary>
    public static async Task<long> StampAsync(IDb db, IReadOnlyList<string> tables, CancellationToken ct) =>
        (await ReadAsync(db, ct)).Stamp(tables);

    /// <summary>Every counter now, for a page that checks several cached values with one read.</summary>
    public static async Task<Counters> ReadAsync(IDb db, CancellationToken ct) => new(await db.QueryAsync<Row>(Sql.All, ct: ct));

    /// <summary>The counters as read at one moment.</summary>
    public sealed class Counters(IReadOnlyList<Row> rows)
    {
        /// <summary>The sum of the counters of <paramref name="tables"/>: it changes with every write to any of them.</summary>
        public long Stamp(IReadOnlyList<string> tables)
        {
            long sum = 0;
            foreach (var table in tables)
            {
                // A table without a counter would never invalidate anything: a programming error, not a cache miss.
                var row = rows.FirstOrDefault(r => string.Equals(r.Name, table, StringComparison.Ordinal))
                    ?? throw new InvalidOperationException($"No data version is kept for table {table}: add its counter and triggers in a migration.");
                sum += row.Version;
            }

            return sum;
        }
    }

    public sealed record Row(string Name, long Version);

    internal static class Sql
    {
        public const string All = "SELECT Name, Version FROM DataVersions";
    }
}
