using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Domain.Land;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>
/// /land/parks: per park for a year — total land, land per grade, land-weighted average tax and output per mu with
/// the change from the year before, and the land that could be freed (D, optionally C) set against the land needed
/// by the active projects aimed at the gap links (missing, weak, extend) of the chains linked to the park
/// (<see cref="GapProjects"/>, gap status from <see cref="Features.Gaps.GapAnalyser"/>). The land needed counts every
/// team's projects; the list names only those the reader may see and counts the others. Parks are grouped by zone
/// (一区多园), each zone with a total row summed from its parks, a project needed by two of them counted once.
/// </summary>
public sealed class ParksModel(LandQueries queries, IDb db, Features.Gaps.GapAnalyser gaps) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public StoredLandSettings Settings { get; private set; } = new(LandGradingSettings.Default, 0, DateTime.MinValue);
    public IReadOnlyList<ParkSummary> Summaries { get; private set; } = [];

    /// <summary>The zones that hold a park shown, in name order, each with its parks' totals.</summary>
    public IReadOnlyList<ZoneSummary> Zones { get; private set; } = [];
    public bool HasPreviousYear { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Years = await queries.YearsAsync(ct);
        Settings = await queries.SettingsAsync(ct);
        Year ??= Years.Count > 0 ? Years[0] : null;
        if (Year is not { } year || !Years.Contains(year))
        {
            return;
        }

        var current = await queries.GradeAsync(year, Settings.Settings, ct);
        HasPreviousYear = Years.Contains(year - 1);
        var previous = HasPreviousYear ? await queries.GradeAsync(year - 1, Settings.Settings, ct) : null;
        var parks = await db.QueryAsync<ParkRow>(Sql.Parks, ct: ct);
        // Only the links the gap analysis calls missing, weak or extend count: a project for a covered link frees no gap.
        var gapNodes = (await gaps.AnalyseAllAsync(listProjectsFor: null, ct))
            .SelectMany(chain => chain.Nodes.Where(n => GapStatus.IsGap(n.Status)).Select(n => (chain.Code, n.Code)))
            .ToHashSet();
        var projects = await GapProjects.ActiveAsync(db, ProjectScope.For(User), (chain, node) => gapNodes.Contains((chain, node)), ct);
        var summaries = new List<ParkSummary>();
        foreach (var park in parks)
        {
            var now = ParkLandFigures.Of(current.Rows.Where(r => r.ParkId == park.Id).Select(r => r.Graded).ToList(), Settings.Settings.FreeableIncludesC);
            var before = previous is null ? null : ParkLandFigures.Of(previous.Rows.Where(r => r.ParkId == park.Id).Select(r => r.Graded).ToList(), Settings.Settings.FreeableIncludesC);
            var parkProjects = projects.GetValueOrDefault(park.Id, ParkGapProjects.None);
            if (now.Enterprises == 0 && !parkProjects.Any)
            {
                continue;
            }

            summaries.Add(new ParkSummary(park.Id, park.Name, park.AreaMu, now, before is { Enterprises: > 0 } ? before : null, parkProjects, park.ZoneId));
        }

        var unassigned = current.Rows.Where(r => r.ParkId is null).Select(r => r.Graded).ToList();
        if (unassigned.Count > 0)
        {
            summaries.Add(new ParkSummary(null, null, null, ParkLandFigures.Of(unassigned, Settings.Settings.FreeableIncludesC), null, ParkGapProjects.None, null));
        }

        Zones = ZoneTotals(parks, summaries, current, previous);
        // A zone's parks together, then the parks in no zone, then the land of enterprises in no park.
        var zoneOrder = Zones.Select((z, i) => (z.ZoneId, i)).ToDictionary(z => z.ZoneId, z => z.i);
        Summaries = [.. summaries.OrderBy(s => s.ParkId is null ? 2 : s.ZoneId is { } z ? 0 : 1).ThenBy(s => s.ZoneId is { } z ? zoneOrder[z] : 0)];
    }

    /// <summary>
    /// Each zone's row from its parks: the land figures of every graded enterprise in any of its parks (an enterprise
    /// is in one park, so none counts twice), and the gap projects of its parks with each project once
    /// (<see cref="ParkGapProjects.Union"/>): a project aimed at chains of two parks of the zone needs its land once.
    /// </summary>
    private List<ZoneSummary> ZoneTotals(IReadOnlyList<ParkRow> parks, List<ParkSummary> summaries, LandYear current, LandYear? previous)
    {
        var includeC = Settings.Settings.FreeableIncludesC;
        var zones = new List<ZoneSummary>();
        foreach (var zone in parks.Where(p => p.ZoneId is not null).GroupBy(p => (Id: p.ZoneId!.Value, Name: p.ZoneName!, Level: p.ZoneLevel!)).OrderBy(z => z.Key.Name, StringComparer.Ordinal))
        {
            var shown = summaries.Where(s => s.ZoneId == zone.Key.Id).ToList();
            if (shown.Count == 0)
            {
                continue;
            }

            var parkIds = zone.Select(p => (long?)p.Id).ToHashSet();
            var before = previous is null ? null : ParkLandFigures.Of(previous.Rows.Where(r => parkIds.Contains(r.ParkId)).Select(r => r.Graded).ToList(), includeC);
            zones.Add(new ZoneSummary(
                zone.Key.Id,
                zone.Key.Name,
                zone.Key.Level,
                ParkLandFigures.Of(current.Rows.Where(r => parkIds.Contains(r.ParkId)).Select(r => r.Graded).ToList(), includeC),
                before is { Enterprises: > 0 } ? before : null,
                ParkGapProjects.Union(shown.Select(s => s.Projects))));
        }

        return zones;
    }

    public sealed record ParkSummary(long? ParkId, string? Name, decimal? AreaMu, ParkLandFigures Now, ParkLandFigures? Before, ParkGapProjects Projects, long? ZoneId)
    {
        public decimal NeededLandMu => Projects.NeededLandMu;
    }

    /// <summary>A zone's total row: the same figures as a park's, summed over its parks.</summary>
    public sealed record ZoneSummary(long ZoneId, string Name, string Level, ParkLandFigures Now, ParkLandFigures? Before, ParkGapProjects Projects)
    {
        public decimal NeededLandMu => Projects.NeededLandMu;
    }

    private sealed class ParkRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public decimal? AreaMu { get; set; }
        public long? ZoneId { get; set; }
        public string? ZoneName { get; set; }
        public string? ZoneLevel { get; set; }
    }

    internal static class Sql
    {
        public const string Parks = """
            SELECT p.Id, p.Name, p.AreaMu, p.ZoneId, z.Name AS ZoneName, z.Level AS ZoneLevel
            FROM Parks p
            LEFT JOIN Zones z ON z.Id = p.ZoneId
            ORDER BY p.Name
            """;
    }
}
