using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary>A recorded snapshot: when, by whom, and how many of its nodes were gaps.</summary>
public sealed record GapSnapshotInfo(long Id, DateTime TakenAtUtc, string TakenBy, int NodeCount, int GapCount);

/// <summary>A stored snapshot with the figures of every node at the time.</summary>
public sealed record GapSnapshot(GapSnapshotInfo Info, IReadOnlyList<SnapshotNode> Nodes);

/// <summary>The current result compared with an earlier snapshot (null when there is none to compare with).</summary>
public sealed record GapComparison(ChainGaps Current, GapSnapshotInfo? Previous, GapChanges Changes, GapSnapshotInfo? Recorded = null);

/// <summary>
/// Snapshots of a chain's gap result (status, rank, score per node), so that reports and the weekly digest can say
/// "change since the previous report" and "gaps opened or closed this week".
/// </summary>
public sealed class GapSnapshots(IDb db, GapAnalyser analyser, TimeProvider clock)
{
    /// <summary>Analyses the chain, stores the result and returns it with the changes since the previous snapshot;
    /// null for an unknown chain. <paramref name="takenBy"/> says who or what took it (a user, "report", "digest").
    /// The result names no project.</summary>
    public Task<GapComparison?> RecordAsync(string chainCode, string takenBy, CancellationToken ct) => RecordAsync(chainCode, takenBy, null, ct);

    /// <summary>As <see cref="RecordAsync(string, string, CancellationToken)"/>, the result naming the covering
    /// projects <paramref name="listProjectsFor"/> may see (the snapshot itself keeps figures only).</summary>
    public async Task<GapComparison?> RecordAsync(string chainCode, string takenBy, ProjectScope? listProjectsFor, CancellationToken ct)
    {
        var current = await analyser.AnalyseAsync(chainCode, listProjectsFor, ct);
        if (current is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async session =>
        {
            var chainId = await session.ExecuteScalarAsync<long>(Sql.ChainId, new { current.Code });
            var previous = (await session.QuerySingleOrDefaultAsync<InfoRow>(Sql.Latest, new { ChainId = chainId, Before = DateTime.MaxValue, Skip = 0, Take = 1 }))?.ToInfo();
            var changes = previous is null ? GapChanges.Empty : GapDiff.Between(await NodesAsync(session, previous.Id), current);

            var gapCount = current.Nodes.Count(n => n.IsGap);
            var takenByText = takenBy.Length > 256 ? takenBy[..256] : takenBy;
            var id = await session.InsertAsync(Sql.Insert, new { ChainId = chainId, TakenAtUtc = now, TakenBy = takenByText, NodeCount = current.Nodes.Count, GapCount = gapCount });
            foreach (var node in current.Nodes)
            {
                await session.ExecuteAsync(Sql.InsertNode, new
                {
                    SnapshotId = id,
                    NodeCode = node.Code,
                    node.Status,
                    GapRank = node.Rank,
                    Score = Math.Round((decimal)node.Score, 4),
                    node.LocalCount,
                    node.LocalOutputWan,
                    node.DemandWan,
                    PipelineCoverage = Math.Round(node.PipelineCoverage, 4),
                });
            }

            return new GapComparison(current, previous, changes, new GapSnapshotInfo(id, now, takenByText, current.Nodes.Count, gapCount));
        }, ct);
    }

    /// <summary>The current result against the latest snapshot taken before <paramref name="beforeUtc"/> (any
    /// snapshot when null), without recording anything; e.g. a week ago for "gaps opened or closed this week".
    /// The current result's nodes carry their project counts and coverage, not the projects' names.</summary>
    public async Task<GapComparison?> CompareAsync(string chainCode, DateTime? beforeUtc, CancellationToken ct)
    {
        var current = await analyser.AnalyseAsync(chainCode, listProjectsFor: null, ct);
        if (current is null)
        {
            return null;
        }

        return await db.InTransactionAsync(async session =>
        {
            var chainId = await session.ExecuteScalarAsync<long>(Sql.ChainId, new { current.Code });
            var previous = (await session.QuerySingleOrDefaultAsync<InfoRow>(Sql.Latest, new { ChainId = chainId, Before = beforeUtc ?? DateTime.MaxValue, Skip = 0, Take = 1 }))?.ToInfo();
            var changes = previous is null ? GapChanges.Empty : GapDiff.Between(await NodesAsync(session, previous.Id), current);
            return new GapComparison(current, previous, changes);
        }, ct);
    }

    /// <summary>The current result against snapshot <paramref name="snapshotId"/> of the chain, recording nothing.</summary>
    public async Task<GapComparison?> CompareWithAsync(string chainCode, long snapshotId, CancellationToken ct)
    {
        var current = await analyser.AnalyseAsync(chainCode, listProjectsFor: null, ct);
        if (current is null)
        {
            return null;
        }

        return await db.InTransactionAsync(async session =>
        {
            var previous = (await session.QuerySingleOrDefaultAsync<InfoRow>(Sql.ById, new { Id = snapshotId }))?.ToInfo();
            var changes = previous is null ? GapChanges.Empty : GapDiff.Between(await NodesAsync(session, previous.Id), current);
            return new GapComparison(current, previous, changes);
        }, ct);
    }

    /// <summary>The chain's newest snapshot taken by <paramref name="takenBy"/> (e.g. "report"), with its nodes; null
    /// when there is none.</summary>
    public Task<GapSnapshot?> LatestTakenByAsync(string chainCode, string takenBy, CancellationToken ct) =>
        db.InTransactionAsync<GapSnapshot?>(async session =>
        {
            var info = (await session.QuerySingleOrDefaultAsync<InfoRow>(Sql.LatestTakenBy,
                new { Code = chainCode.Trim().ToUpperInvariant(), TakenBy = takenBy, Skip = 0, Take = 1 }))?.ToInfo();
            return info is null ? null : new GapSnapshot(info, await NodesAsync(session, info.Id));
        }, ct);

    /// <summary>The chain's snapshots, newest first.</summary>
    public async Task<IReadOnlyList<GapSnapshotInfo>> ListAsync(string chainCode, int take, CancellationToken ct) =>
        (await db.QueryAsync<InfoRow>(Sql.List, new { Code = chainCode.Trim().ToUpperInvariant(), Skip = 0, Take = take }, ct)).Select(r => r.ToInfo()).ToList();

    private static async Task<IReadOnlyList<SnapshotNode>> NodesAsync(DbSession session, long snapshotId) =>
        (await session.QueryAsync<NodeRow>(Sql.Nodes, new { SnapshotId = snapshotId }))
        .Select(r => new SnapshotNode(r.NodeCode, r.Status, r.GapRank, (double)r.Score, r.LocalCount, r.LocalOutputWan, r.DemandWan, r.PipelineCoverage))
        .ToList();

    private sealed class InfoRow
    {
        public long Id { get; set; }
        public DateTime TakenAtUtc { get; set; }
        public string TakenBy { get; set; } = "";
        public int NodeCount { get; set; }
        public int GapCount { get; set; }

        public GapSnapshotInfo ToInfo() => new(Id, TakenAtUtc, TakenBy, NodeCount, GapCount);
    }

    private sealed class NodeRow
    {
        public string NodeCode { get; set; } = "";
        public string Status { get; set; } = "";
        public int? GapRank { get; set; }
        public decimal Score { get; set; }
        public int LocalCount { get; set; }
        public decimal LocalOutputWan { get; set; }
        public decimal DemandWan { get; set; }
        public decimal PipelineCoverage { get; set; }
    }

    internal static class Sql
    {
        public const string ChainId = "SELECT Id FROM Chains WHERE Code = @Code";

        public const string Latest = """
            SELECT Id, TakenAtUtc, TakenBy, NodeCount, GapCount
            FROM GapSnapshots
            WHERE ChainId = @ChainId AND TakenAtUtc < @Before
            ORDER BY TakenAtUtc DESC, Id DESC
            /**paging**/
            """;

        public const string ById = "SELECT Id, TakenAtUtc, TakenBy, NodeCount, GapCount FROM GapSnapshots WHERE Id = @Id";

        public const string LatestTakenBy = """
            SELECT s.Id, s.TakenAtUtc, s.TakenBy, s.NodeCount, s.GapCount
            FROM GapSnapshots s
            JOIN Chains c ON c.Id = s.ChainId
            WHERE c.Code = @Code AND s.TakenBy = @TakenBy
            ORDER BY s.TakenAtUtc DESC, s.Id DESC
            /**paging**/
            """;

        public const string List = """
            SELECT s.Id, s.TakenAtUtc, s.TakenBy, s.NodeCount, s.GapCount
            FROM GapSnapshots s
            JOIN Chains c ON c.Id = s.ChainId
            WHERE c.Code = @Code
            ORDER BY s.TakenAtUtc DESC, s.Id DESC
            /**paging**/
            """;

        public const string Nodes = """
            SELECT NodeCode, Status, GapRank, Score, LocalCount, LocalOutputWan, DemandWan, PipelineCoverage
            FROM GapSnapshotNodes
            WHERE SnapshotId = @SnapshotId
            """;

        public const string Insert = """
            INSERT INTO GapSnapshots (ChainId, TakenAtUtc, TakenBy, NodeCount, GapCount)
            VALUES (@ChainId, @TakenAtUtc, @TakenBy, @NodeCount, @GapCount)
            """;

        public const string InsertNode = """
            INSERT INTO GapSnapshotNodes (SnapshotId, NodeCode, Status, GapRank, Score, LocalCount, LocalOutputWan, DemandWan, PipelineCoverage)
            VALUES (@SnapshotId, @NodeCode, @Status, @GapRank, @Score, @LocalCount, @LocalOutputWan, @DemandWan, @PipelineCoverage)
            """;
    }
}
