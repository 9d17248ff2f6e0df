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
/// team's projects; the list names only those the reader may see and counts the others.
/// </summary>
public sealed class ParksModel(LandQueries queries, IDb db, Features.Gaps.GapAnalyser gaps) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public StoredLandSettings Settings { get; private set; } = new(LandGradingSettings.Default, 0, DateTime.MinValue);
    public IReadOnlyList<ParkSummary> Summaries { get; private set; } = [];
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

            summaries.Add(new ParkSummary(park.Id, park.Name, park.AreaMu, now, before is { Enterprises: > 0 } ? before : null, parkProjects));
        }

        var unassigned = current.Rows.Where(r => r.ParkId is null).Select(r => r.Graded).ToList();
        if (unassigned.Count > 0)
        {
            summaries.Add(new ParkSummary(null, null, null, ParkLandFigures.Of(unassigned, Settings.Settings.FreeableIncludesC), null, ParkGapProjects.None));
        }

        Summaries = summaries;
    }

    public sealed record ParkSummary(long? ParkId, string? Name, decimal? AreaMu, ParkLandFigures Now, ParkLandFigures? Before, ParkGapProjects Projects)
    {
        public decimal NeededLandMu => Projects.NeededLandMu;
    }

    private sealed class ParkRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public decimal? AreaMu { get; set; }
    }

    internal static class Sql
    {
        public const string Parks = "SELECT Id, Name, AreaMu FROM Parks ORDER BY Name";
    }
}
