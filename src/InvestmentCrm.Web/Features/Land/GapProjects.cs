using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>An active project aimed at a chain linked to a park, with the land it needs and the nodes it targets.</summary>
public sealed record GapProject(long ParkId, long ProjectId, string Code, string Title, string Stage, decimal? LandMu, IReadOnlyList<string> Nodes);

/// <summary>The gap projects of one park (or of a zone's parks together): those the reader may see, by name, and the
/// others, which are counted with the land they need but never named (their code and title never leave the database).</summary>
public sealed record ParkGapProjects(IReadOnlyList<GapProject> Listed, IReadOnlyList<GapProject> Others)
{
    public static readonly ParkGapProjects None = new([], []);

    public int OthersCount => Others.Count;

    public decimal OthersLandMu => Others.Sum(p => p.LandMu ?? 0);

    public decimal NeededLandMu => Listed.Sum(p => p.LandMu ?? 0) + OthersLandMu;

    public bool Any => Listed.Count > 0 || Others.Count > 0;

    /// <summary>
    /// The projects of several parks together (a zone's): a project aimed at chains of two of its parks is one
    /// project and needs its land once, so each project counts once however many of the parks it appears under.
    /// </summary>
    public static ParkGapProjects Union(IEnumerable<ParkGapProjects> parks)
    {
        var all = parks.ToList();
        return new ParkGapProjects(
            [.. all.SelectMany(p => p.Listed).DistinctBy(p => p.ProjectId).OrderBy(p => p.Code, StringComparer.Ordinal)],
            [.. all.SelectMany(p => p.Others).DistinctBy(p => p.ProjectId)]);
    }
}

/// <summary>
/// The projects that would fill a park's chain links: active (any stage but in_production, on_hold and lost) and
/// targeting a node of a chain linked to the park (ParkChains) that passes the gap filter (the park page passes the gap
/// analysis: missing, weak or extend). A project counts once per park however many of its nodes qualify. The land
/// they need is the bureau's figure, whoever reads it; the projects are named only to readers who may see them
/// (<see cref="ProjectScope"/>).
/// </summary>
public static class GapProjects
{
    /// <param name="isGap">Whether a node (chain code, node code) is a gap; null counts every node of the linked chains.</param>
    public static async Task<IReadOnlyDictionary<long, ParkGapProjects>> ActiveAsync(IDb db, ProjectScope reader, Func<string, string, bool>? isGap, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>(Sql.Active, reader.AddTo(), ct);
        return rows
            .Where(r => isGap is null || isGap(r.ChainCode, r.NodeCode))
            .GroupBy(r => (r.ParkId, r.ProjectId))
            .Select(g =>
            {
                var first = g.First();
                var nodes = g.Select(r => r.ChainCode + ":" + r.NodeCode).Distinct().Order(StringComparer.Ordinal).ToList();
                return (Visible: first.Code is not null, Project: new GapProject(first.ParkId, first.ProjectId, first.Code ?? "", first.Title ?? "", first.Stage, first.LandMu, nodes));
            })
            .GroupBy(p => p.Project.ParkId)
            .ToDictionary(park => park.Key, park => new ParkGapProjects(
                [.. park.Where(p => p.Visible).Select(p => p.Project).OrderBy(p => p.Code, StringComparer.Ordinal)],
                [.. park.Where(p => !p.Visible).Select(p => p.Project)]));
    }

    private sealed class Row
    {
        public long ParkId { get; set; }
        public long ProjectId { get; set; }
        public string? Code { get; set; }
        public string? Title { get; set; }
        public string Stage { get; set; } = "";
        public decimal? LandMu { get; set; }
        public string ChainCode { get; set; } = "";
        public string NodeCode { get; set; } = "";
    }

    internal static class Sql
    {
        private const string IfVisible = "CASE WHEN " + ProjectScope.Filter + " THEN ";

        // Every team's projects for the land figure, but the code and title only of those the reader may see: the
        // others' never leave the database.
        public const string Active = "SELECT pc.ParkId, p.Id AS ProjectId, " + IfVisible + "p.Code END AS Code, " + IfVisible + "p.Title END AS Title,\n" + """
                   p.Stage, p.LandMu, c.Code AS ChainCode, n.Code AS NodeCode
            FROM ParkChains pc
            JOIN Chains c ON c.Id = pc.ChainId
            JOIN ChainNodes n ON n.ChainId = pc.ChainId
            JOIN ProjectNodes pn ON pn.NodeId = n.Id
            JOIN Projects p ON p.Id = pn.ProjectId
            WHERE p.Stage IN
            """ + ProjectStages.ActiveList;
    }
}
