using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>An active project aimed at a chain linked to a park, with the land it needs and the nodes it targets.</summary>
public sealed record GapProject(long ParkId, long ProjectId, string Code, string Title, string Stage, decimal? LandMu, IReadOnlyList<string> Nodes);

/// <summary>
/// The projects that would fill a park's chain links: active (any stage but in_production, on_hold and lost) and
/// targeting a node of a chain linked to the park (ParkChains) that passes the gap filter (the park page passes the gap
/// analysis: missing, weak or extend). A project counts once per park however many of its nodes qualify.
/// </summary>
public static class GapProjects
{
    /// <param name="isGap">Whether a node (chain code, node code) is a gap; null counts every node of the linked chains.</param>
    public static async Task<IReadOnlyList<GapProject>> ActiveAsync(IDb db, Func<string, string, bool>? isGap, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>(Sql.Active, ct: ct);
        return rows
            .Where(r => isGap is null || isGap(r.ChainCode, r.NodeCode))
            .GroupBy(r => (r.ParkId, r.ProjectId))
            .Select(g =>
            {
                var first = g.First();
                return new GapProject(first.ParkId, first.ProjectId, first.Code, first.Title, first.Stage, first.LandMu,
                    g.Select(r => r.ChainCode + ":" + r.NodeCode).Distinct().Order(StringComparer.Ordinal).ToList());
            })
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class Row
    {
        public long ParkId { get; set; }
        public long ProjectId { get; set; }
        public string Code { get; set; } = "";
        public string Title { get; set; } = "";
        public string Stage { get; set; } = "";
        public decimal? LandMu { get; set; }
        public string ChainCode { get; set; } = "";
        public string NodeCode { get; set; } = "";
    }

    internal static class Sql
    {
        public const string Active = """
            SELECT pc.ParkId, p.Id AS ProjectId, p.Code, p.Title, p.Stage, p.LandMu, c.Code AS ChainCode, n.Code AS NodeCode
            FROM ParkChains pc
            JOIN Chains c ON c.Id = pc.ChainId
            JOIN ChainNodes n ON n.ChainId = pc.ChainId
            JOIN ProjectNodes pn ON pn.NodeId = n.Id
            JOIN Projects p ON p.Id = pn.ProjectId
            WHERE p.Stage IN
            """ + ProjectStages.ActiveList;
    }
}
