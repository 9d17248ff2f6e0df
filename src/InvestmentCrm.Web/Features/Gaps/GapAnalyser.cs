using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Chains;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary>
/// Runs the gap model on stored chains. The database does the counting (local enterprises and their output per
/// node, active projects per node and stage) in a handful of grouped queries on one connection; the graph work
/// (demand, supply, status, score, rank) is done in memory by <see cref="GapModel"/>.
/// <para>The result is the same for every reader (it counts every team's projects and names none), so it is kept
/// per chain in <see cref="GapCache"/> with the <see cref="DataVersions"/> stamp of every table it reads, and reused
/// while that stamp holds: a repeated analysis of the 500-node BULK chain costs one read of the counters instead of
/// ~100 ms of SQL. The projects a node names depend on the reader's <see cref="ProjectScope"/>: they are listed per
/// scope, after the shared part, and kept under that scope's own key (bench/gaps-benchmark.sh).</para>
/// </summary>
public sealed class GapAnalyser(IDb db, RequestDataVersions versions, GapSettingsStore settingsStore, GapCache cache, EnterpriseRegions regions)
{
    /// <summary>How many covering projects a node lists by name (the count covers them all).</summary>
    public const int ProjectsListed = 5;

    /// <summary>Every table the analysis and the projects it names are computed from.</summary>
    public static readonly IReadOnlyList<string> ReadsFrom =
    [
        DataVersions.Chains, DataVersions.ChainNodes, DataVersions.ChainEdges, DataVersions.Enterprises,
        DataVersions.EnterpriseNodes, DataVersions.Projects, DataVersions.ProjectNodes, DataVersions.GapSettings,
    ];

    /// <summary>The analysis of one chain; null when no chain has this code (case-insensitive).</summary>
    /// <param name="listProjectsFor">Whose covering projects each node names (<see cref="NodeGap.Projects"/>): the
    /// most advanced of those this scope may see. Null names none, for views that show only the figures. The
    /// figures themselves (project counts per stage, coverage, score) always count every team's projects: they are
    /// the bureau's and name no project.</param>
    public async Task<ChainGaps?> AnalyseAsync(string chainCode, ProjectScope? listProjectsFor, CancellationToken ct)
    {
        // The stamp first: everything read after it is at least as new (see DataVersions).
        var stamp = await versions.StampAsync(ReadsFrom, ct);
        var chain = await db.QuerySingleOrDefaultAsync<ChainRow>(Sql.ChainByCode, new { Code = chainCode.Trim().ToUpperInvariant() }, ct);
        return chain is null ? null : await ForReaderAsync(chain, stamp, listProjectsFor, ct);
    }

    /// <summary>Every chain's analysis, in chain-code order (see <see cref="AnalyseAsync"/> for <paramref name="listProjectsFor"/>).</summary>
    public async Task<IReadOnlyList<ChainGaps>> AnalyseAllAsync(ProjectScope? listProjectsFor, CancellationToken ct)
    {
        var stamp = await versions.StampAsync(ReadsFrom, ct);
        var result = new List<ChainGaps>();
        foreach (var chain in await db.QueryAsync<ChainRow>(Sql.Chains, ct: ct))
        {
            result.Add(await ForReaderAsync(chain, stamp, listProjectsFor, ct));
        }

        return result;
    }

    private async Task<ChainGaps> ForReaderAsync(ChainRow chain, long stamp, ProjectScope? scope, CancellationToken ct)
    {
        var shared = await cache.Analyses.GetAsync(chain.Id, stamp, () => ComputeAsync(chain, ct));
        if (scope is null)
        {
            return shared;
        }

        var listed = await cache.Listed.GetAsync(GapCache.ListKey.For(chain.Id, scope), stamp, () => ListAsync(chain.Id, scope, ct));
        return shared with
        {
            Nodes = [.. shared.Nodes.Select(n => listed.TryGetValue(n.Code, out var projects) ? n with { Projects = projects } : n)],
        };
    }

    private async Task<ChainGaps> ComputeAsync(ChainRow chain, CancellationToken ct)
    {
        var settings = await settingsStore.CurrentAsync(ct);
        return await db.InTransactionAsync(session => AnalyseAsync(session, chain, settings), ct);
    }

    /// <summary>Per node code, the most advanced covering projects this scope may see, as <see cref="GapModel.Listed"/> orders them.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<CoveringProject>>> ListAsync(long chainId, ProjectScope scope, CancellationToken ct)
    {
        var rows = await db.QueryAsync<ProjectRow>(Sql.CoveringProjects, scope.AddTo(new { ChainId = chainId, Take = ProjectsListed }), ct);
        return rows
            .GroupBy(r => r.NodeCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => GapModel.Listed(g.Select(r => new CoveringProject(r.Code, r.Title, r.Stage))), StringComparer.Ordinal);
    }

    /// <summary>
    /// Prospects mapped to the node that are not in an active project, best fit first (suppliers of the chain's leading
    /// enterprises, then same province as most local enterprises, then qualifications, then size), each with its
    /// reasons; empty for an unknown chain or node.
    /// Whose project it is does not matter: a prospect that any team is already working is left out for every
    /// reader, so that two teams do not court the same enterprise, and the list and its reasons ("not in any active
    /// project yet") are the same for everyone and name no project, team or stage.
    /// </summary>
    public async Task<IReadOnlyList<TargetCandidate>> RecommendAsync(string chainCode, string nodeCode, int take, CancellationToken ct)
    {
        var home = await regions.HomeProvinceAsync(ct);
        return await db.InTransactionAsync(async session =>
        {
            var param = new { ChainCode = chainCode.Trim().ToUpperInvariant(), NodeCode = nodeCode.Trim().ToUpperInvariant() };
            var prospects = await session.QueryAsync<TargetFit.Prospect>(Sql.Prospects, param);
            if (prospects.Count == 0)
            {
                return (IReadOnlyList<TargetCandidate>)[];
            }

            var qualifications = (await session.QueryAsync<(long EnterpriseId, string Qualification)>(Sql.ProspectQualifications, param))
                .ToLookup(q => q.EnterpriseId, q => q.Qualification);
            var supplies = await LeaderSuppliesAsync(session, param, prospects);
            return TargetFit.Rank(prospects, id => [.. qualifications[id]], home, take, id => [.. supplies[id]]);
        }, ct);
    }

    /// <summary>
    /// Which prospects supply a leading enterprise of the chain (docs/en/gap-model.md, "Suggested prospects"): the
    /// supplier links (those with a supply edge to a link a leading enterprise is in) come from one small query, then
    /// each supplier link's enterprises by index, kept where they are among <paramref name="prospects"/> — cheaper than
    /// joining the prospects' own query again, which reads every prospect of the registry on a large chain.
    /// </summary>
    private static async Task<ILookup<long, LeaderSupply>> LeaderSuppliesAsync(DbSession session, object param, IReadOnlyList<TargetFit.Prospect> prospects)
    {
        var links = await session.QueryAsync<LeaderLinkRow>(Sql.LeaderLinks, param);
        var candidates = prospects.Select(p => p.Id).ToHashSet();
        var supplies = new List<(long Candidate, LeaderSupply Supply)>();
        foreach (var link in links.GroupBy(l => l.SupplierNodeId))
        {
            foreach (var id in (await session.QueryAsync<long>(Sql.EnterprisesOfNode, new { NodeId = link.Key })).Where(candidates.Contains))
            {
                supplies.AddRange(link.Where(l => l.LeaderId != id).Select(l => (id, new LeaderSupply(l.LeaderName, l.LeaderNodeCode))));
            }
        }

        return supplies.Distinct().ToLookup(s => s.Candidate, s => s.Supply);
    }

    /// <summary>The shared part: every figure, no project named (<see cref="ForReaderAsync"/> adds the reader's).</summary>
    private static async Task<ChainGaps> AnalyseAsync(DbSession session, ChainRow chain, GapSettings settings)
    {
        var param = new { ChainId = chain.Id };
        var nodes = await ChainMapImporter.NodesAsync(session, chain.Id);
        var edges = await ChainMapImporter.EdgesAsync(session, chain.Id);
        var local = (await ChainLocalFigures.ReadAsync(session, chain.Id)).ToDictionary(r => r.NodeId);
        var pipeline = (await session.QueryAsync<PipelineRow>(Sql.Pipeline, param)).ToLookup(r => r.NodeId);

        var inputs = new GapInputs(
            chain.Code,
            chain.Name,
            chain.NameEn,
            nodes.Select(n =>
            {
                local.TryGetValue(n.Id, out var l);
                return new GapNodeInput(
                    n.Code, n.Name, n.NameEn, n.Segment, n.ParentCode, n.IsKey,
                    (n.IndustryCodes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    (int)(l?.LocalCount ?? 0),
                    l?.LocalOutputWan ?? 0m,
                    [.. pipeline[n.Id].Select(p => new StageCount(p.Stage, (int)p.ProjectCount))],
                    []);
            }).ToList(),
            edges.Select(e => new GapEdgeInput(e.FromCode, e.ToCode, e.Weight)).ToList());
        return GapModel.Analyse(inputs, settings);
    }

    private sealed record ChainRow(long Id, string Code, string Name, string? NameEn);

    private sealed class LeaderLinkRow
    {
        public long SupplierNodeId { get; set; }
        public long LeaderId { get; set; }
        public string LeaderName { get; set; } = "";
        public string LeaderNodeCode { get; set; } = "";
    }

    private sealed class PipelineRow
    {
        public long NodeId { get; set; }
        public string Stage { get; set; } = "";
        public long ProjectCount { get; set; }
    }

    private sealed class ProjectRow
    {
        public string NodeCode { get; set; } = "";
        public string Code { get; set; } = "";
        public string Title { get; set; } = "";
        public string Stage { get; set; } = "";
    }

    internal static class Sql
    {
        // Active projects are those in the pipeline's open stages (not in_production, on_hold or lost).
        public const string ChainByCode = "SELECT Id, Code, Name, NameEn FROM Chains WHERE Code = @Code";

        public const string Chains = "SELECT Id, Code, Name, NameEn FROM Chains ORDER BY Code";

        // Active projects by the (Stage, Id) index, then their target nodes (CROSS JOIN fixes the loop order for
        // SQLite, which joins by nested loops only; SQL Server plans it freely).
        public const string Pipeline = """
            SELECT pn.NodeId, p.Stage, COUNT(*) AS ProjectCount
            FROM Projects p
            CROSS JOIN ProjectNodes pn
            CROSS JOIN ChainNodes n
            WHERE pn.ProjectId = p.Id AND n.Id = pn.NodeId AND n.ChainId = @ChainId
              AND p.Stage IN
            """ + ProjectStages.ActiveList + """

            GROUP BY pn.NodeId, p.Stage
            """;

        // The most advanced projects the reader may see first: they decide most of the coverage. Ranked on the
        // (Stage, Id) index and the scope's owner and team columns; only the few listed per node are then read from
        // the table for their code and title.
        public const string CoveringProjects = """
            SELECT ranked.NodeCode, listed.Code, listed.Title, listed.Stage
            FROM (
                SELECT pn.NodeId, n.Code AS NodeCode, pn.ProjectId,
                       ROW_NUMBER() OVER (PARTITION BY pn.NodeId ORDER BY CASE p.Stage WHEN 'started' THEN 0 WHEN 'signed' THEN 1
                           WHEN 'negotiation' THEN 2 WHEN 'site_visit' THEN 3 WHEN 'contacted' THEN 4 ELSE 5 END, p.Id) AS Position
                FROM Projects p
                CROSS JOIN ProjectNodes pn
                CROSS JOIN ChainNodes n
                WHERE pn.ProjectId = p.Id AND n.Id = pn.NodeId AND n.ChainId = @ChainId
                  AND p.Stage IN
            """ + ProjectStages.ActiveList + "\n      AND " + ProjectScope.Filter + "\n" + """
            ) ranked
            JOIN Projects listed ON listed.Id = ranked.ProjectId
            WHERE ranked.Position <= @Take
            ORDER BY ranked.NodeId, ranked.Position
            """;

        // The node's enterprises first, as a list (a few hundred ids by the NodeId index), then each by its key: as
        // a join, SQLite read all 40,000 prospects of the registry and probed each one's links (127 ms on BULK).
        private const string ProspectsOfNode = """
            FROM Enterprises e
            WHERE e.Kind = 'prospect'
              AND e.Id IN (SELECT en.EnterpriseId
                           FROM EnterpriseNodes en
                           JOIN ChainNodes n ON n.Id = en.NodeId
                           JOIN Chains c ON c.Id = n.ChainId
                           WHERE c.Code = @ChainCode AND n.Code = @NodeCode)
              AND NOT EXISTS (SELECT 1 FROM Projects p WHERE p.EnterpriseId = e.Id AND p.Stage IN
            """ + ProjectStages.ActiveList + ")";

        public const string Prospects = """
            SELECT e.Id, e.Name, e.Province, e.City, e.AnnualRevenueWan, e.RegisteredCapitalWan, e.Employees
            """ + "\n" + ProspectsOfNode;

        public const string ProspectQualifications = """
            SELECT q.EnterpriseId, q.Qualification
            FROM EnterpriseQualifications q
            WHERE q.EnterpriseId IN (SELECT e.Id
            """ + "\n" + ProspectsOfNode + ")";

        // The supplier links of the chain's leading enterprises: a supply edge (From → To) into a link a leading
        // enterprise is in, both in this chain. Starts from the chain's few leading enterprises (none on most chains).
        public const string LeaderLinks = """
            SELECT DISTINCT ce.FromNodeId AS SupplierNodeId, le.EnterpriseId AS LeaderId, leader.Name AS LeaderName, ln.Code AS LeaderNodeCode
            FROM Chains c
            JOIN ChainLeadingEnterprises le ON le.ChainId = c.Id
            JOIN Enterprises leader ON leader.Id = le.EnterpriseId
            JOIN EnterpriseNodes len ON len.EnterpriseId = le.EnterpriseId
            JOIN ChainNodes ln ON ln.Id = len.NodeId AND ln.ChainId = c.Id
            JOIN ChainEdges ce ON ce.ToNodeId = ln.Id
            WHERE c.Code = @ChainCode
            """;

        public const string EnterprisesOfNode = "SELECT EnterpriseId FROM EnterpriseNodes WHERE NodeId = @NodeId";
    }
}
