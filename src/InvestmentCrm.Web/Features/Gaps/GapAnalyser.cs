using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary>
/// Runs the gap model on stored chains. The database does the counting (local enterprises and their output per
/// node, active projects per node and stage) in a handful of grouped queries on one connection; the graph work
/// (demand, supply, status, score, rank) is done in memory by <see cref="GapModel"/>. That keeps a 500-node chain
/// with 100,000 enterprises and 20,000 projects well under 200 ms (bench/gaps-benchmark.sh).
/// </summary>
public sealed class GapAnalyser(IDb db, GapSettingsStore settingsStore)
{
    /// <summary>How many covering projects a node lists by name (the count covers them all).</summary>
    public const int ProjectsListed = 5;

    /// <summary>The analysis of one chain; null when no chain has this code (case-insensitive).</summary>
    public Task<ChainGaps?> AnalyseAsync(string chainCode, CancellationToken ct) => AnalyseAsync(chainCode, listProjects: true, ct);

    /// <param name="listProjects">False leaves each node's <see cref="NodeGap.Projects"/> empty (the counts and the
    /// coverage are still there) and saves the query that names them, for views that show only the figures.</param>
    public async Task<ChainGaps?> AnalyseAsync(string chainCode, bool listProjects, CancellationToken ct)
    {
        var settings = await settingsStore.CurrentAsync(ct);
        return await db.InTransactionAsync(async session =>
        {
            var chain = await session.QuerySingleOrDefaultAsync<ChainRow>(Sql.ChainByCode, new { Code = chainCode.Trim().ToUpperInvariant() });
            return chain is null ? null : await AnalyseAsync(session, chain, settings, listProjects);
        }, ct);
    }

    /// <summary>Every chain's analysis, in chain-code order.</summary>
    public Task<IReadOnlyList<ChainGaps>> AnalyseAllAsync(CancellationToken ct) => AnalyseAllAsync(listProjects: true, ct);

    public async Task<IReadOnlyList<ChainGaps>> AnalyseAllAsync(bool listProjects, CancellationToken ct)
    {
        var settings = await settingsStore.CurrentAsync(ct);
        return await db.InTransactionAsync(async session =>
        {
            var result = new List<ChainGaps>();
            foreach (var chain in await session.QueryAsync<ChainRow>(Sql.Chains))
            {
                result.Add(await AnalyseAsync(session, chain, settings, listProjects));
            }

            return (IReadOnlyList<ChainGaps>)result;
        }, ct);
    }

    /// <summary>
    /// Prospects mapped to the node that are not in an active project, best fit first (same province as most local
    /// enterprises, then qualifications, then size), each with its reasons; empty for an unknown chain or node.
    /// </summary>
    public async Task<IReadOnlyList<TargetCandidate>> RecommendAsync(string chainCode, string nodeCode, int take, CancellationToken ct)
    {
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
            var home = await session.QuerySingleOrDefaultAsync<string>(Sql.HomeProvince, new { Skip = 0, Take = 1 });
            return TargetFit.Rank(prospects, id => [.. qualifications[id]], home, take)
                .Select(c => c with { CreateProjectUrl = CreateProjectUrl(c.EnterpriseId, param.ChainCode, param.NodeCode) })
                .ToList();
        }, ct);
    }

    /// <summary>The projects helper's "new project" form, pre-filled with the enterprise and the target node.</summary>
    public static string CreateProjectUrl(long enterpriseId, string chainCode, string nodeCode) =>
        $"/projects/create?enterpriseId={enterpriseId}&nodes={Uri.EscapeDataString(chainCode + ":" + nodeCode)}";

    private static async Task<ChainGaps> AnalyseAsync(DbSession session, ChainRow chain, GapSettings settings, bool listProjects)
    {
        var param = new { ChainId = chain.Id, Take = ProjectsListed };
        var nodes = await session.QueryAsync<NodeRow>(Sql.Nodes, param);
        var edges = await session.QueryAsync<EdgeRow>(Sql.Edges, param);
        var local = (await session.QueryAsync<LocalRow>(await LocalQueryAsync(session, chain.Id), param)).ToDictionary(r => r.NodeId);
        var pipeline = (await session.QueryAsync<PipelineRow>(Sql.Pipeline, param)).ToLookup(r => r.NodeId);
        var projects = (listProjects ? await session.QueryAsync<ProjectRow>(Sql.CoveringProjects, param) : []).ToLookup(r => r.NodeId);

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
                    [.. projects[n.Id].Select(p => new CoveringProject(p.Code, p.Title, p.Stage))]);
            }).ToList(),
            edges.Select(e => new GapEdgeInput(e.FromCode, e.ToCode, e.Weight)).ToList());
        return GapModel.Analyse(inputs, settings);
    }

    /// <summary>
    /// SQLite joins by nested loops only. Walking the chain's nodes and looking up each mapped enterprise is quick
    /// while the chain holds a small part of the registry; once it holds a large part, reading the local
    /// enterprises in Id order and their mappings alongside touches each page once and is several times faster.
    /// Two index-only counts decide which.
    /// </summary>
    private static async Task<string> LocalQueryAsync(DbSession session, long chainId)
    {
        var mapped = await session.ExecuteScalarAsync<long>(Sql.MappedCount, new { ChainId = chainId });
        if (mapped < 2000)
        {
            return Sql.Local;
        }

        var locals = await session.ExecuteScalarAsync<long>(Sql.LocalEnterpriseCount);
        return mapped * 4 >= locals ? Sql.LocalByEnterprise : Sql.Local;
    }

    private sealed record ChainRow(long Id, string Code, string Name, string? NameEn);

    private sealed class NodeRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? NameEn { get; set; }
        public string Segment { get; set; } = "";
        public string? ParentCode { get; set; }
        public string? IndustryCodes { get; set; }
        public bool IsKey { get; set; }
    }

    private sealed class EdgeRow
    {
        public string FromCode { get; set; } = "";
        public string ToCode { get; set; } = "";
        public decimal? Weight { get; set; }
    }

    private sealed class LocalRow
    {
        public long NodeId { get; set; }
        public long LocalCount { get; set; }
        public decimal LocalOutputWan { get; set; }
    }

    private sealed class PipelineRow
    {
        public long NodeId { get; set; }
        public string Stage { get; set; } = "";
        public long ProjectCount { get; set; }
    }

    private sealed class ProjectRow
    {
        public long NodeId { get; set; }
        public string Code { get; set; } = "";
        public string Title { get; set; } = "";
        public string Stage { get; set; } = "";
    }

    internal static class Sql
    {
        // Active projects are those in the pipeline's open stages (not in_production, on_hold or lost).
        public const string ChainByCode = "SELECT Id, Code, Name, NameEn FROM Chains WHERE Code = @Code";

        public const string Chains = "SELECT Id, Code, Name, NameEn FROM Chains ORDER BY Code";

        public const string Nodes = """
            SELECT n.Id, n.Code, n.Name, n.NameEn, n.Segment, p.Code AS ParentCode, n.IndustryCodes, n.IsKey
            FROM ChainNodes n
            LEFT JOIN ChainNodes p ON p.Id = n.ParentId
            WHERE n.ChainId = @ChainId
            ORDER BY n.SortOrder, n.Id
            """;

        public const string Edges = """
            SELECT f.Code AS FromCode, t.Code AS ToCode, e.Weight
            FROM ChainEdges e
            JOIN ChainNodes f ON f.Id = e.FromNodeId
            JOIN ChainNodes t ON t.Id = e.ToNodeId
            WHERE e.ChainId = @ChainId
            ORDER BY e.Id
            """;

        public const string Local = """
            SELECT en.NodeId, COUNT(*) AS LocalCount, COALESCE(SUM(e.AnnualRevenueWan), 0) AS LocalOutputWan
            FROM ChainNodes n
            JOIN EnterpriseNodes en ON en.NodeId = n.Id
            JOIN Enterprises e ON e.Id = en.EnterpriseId
            WHERE n.ChainId = @ChainId AND e.Kind = 'local'
            GROUP BY en.NodeId
            """;

        public const string MappedCount = """
            SELECT COUNT(*)
            FROM ChainNodes n
            JOIN EnterpriseNodes en ON en.NodeId = n.Id
            WHERE n.ChainId = @ChainId
            """;

        public const string LocalEnterpriseCount = "SELECT COUNT(*) FROM Enterprises WHERE Kind = 'local'";

        // The same sums as Local, written so that SQLite's planner keeps this order (CROSS JOIN fixes the loop
        // order there; SQL Server plans it freely): enterprises by the (Kind, Id, revenue) index, then mappings.
        // "e.Id > 0" holds for every row; it makes SQLite pick that index over (Kind, revenue), whose order would
        // scatter the mapping lookups again.
        public const string LocalByEnterprise = """
            SELECT en.NodeId, COUNT(*) AS LocalCount, COALESCE(SUM(e.AnnualRevenueWan), 0) AS LocalOutputWan
            FROM Enterprises e
            CROSS JOIN EnterpriseNodes en
            CROSS JOIN ChainNodes n
            WHERE en.EnterpriseId = e.Id AND n.Id = en.NodeId AND n.ChainId = @ChainId AND e.Kind = 'local' AND e.Id > 0
            GROUP BY en.NodeId
            """;

        // Active projects by the (Stage, Id) index, then their target nodes (loop order fixed for SQLite as above).
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

        // The most advanced projects first: they decide most of the coverage. Ranked on the (Stage, Id) index
        // alone; only the few listed per node are then read from the table for their code and title.
        public const string CoveringProjects = """
            SELECT ranked.NodeId, p.Code, p.Title, p.Stage
            FROM (
                SELECT pn.NodeId, pn.ProjectId,
                       ROW_NUMBER() OVER (PARTITION BY pn.NodeId ORDER BY CASE a.Stage WHEN 'started' THEN 0 WHEN 'signed' THEN 1
                           WHEN 'negotiation' THEN 2 WHEN 'site_visit' THEN 3 WHEN 'contacted' THEN 4 ELSE 5 END, a.Id) AS Position
                FROM Projects a
                CROSS JOIN ProjectNodes pn
                CROSS JOIN ChainNodes n
                WHERE pn.ProjectId = a.Id AND n.Id = pn.NodeId AND n.ChainId = @ChainId
                  AND a.Stage IN
            """ + ProjectStages.ActiveList + """

            ) ranked
            JOIN Projects p ON p.Id = ranked.ProjectId
            WHERE ranked.Position <= @Take
            ORDER BY ranked.NodeId, ranked.Position
            """;

        private const string ProspectsOfNode = """
            FROM Enterprises e
            JOIN EnterpriseNodes en ON en.EnterpriseId = e.Id
            JOIN ChainNodes n ON n.Id = en.NodeId
            JOIN Chains c ON c.Id = n.ChainId
            WHERE c.Code = @ChainCode AND n.Code = @NodeCode AND e.Kind = 'prospect'
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

        // Where "here" is: the province most local enterprises are registered in.
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
