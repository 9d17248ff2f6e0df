using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Dashboard;

/// <summary>
/// The dashboard: registry totals, then the project pipeline of the user's visible scope (never more): funnel by
/// stage, signed investment this year against the annual target, large projects, projects by chain and by owner,
/// overdue follow-ups and quiet (red/yellow) projects.
/// <para>Its figures are kept per scope and day (<see cref="DashboardCache"/>) with the <see cref="DataVersions"/>
/// stamp of every table they are computed from (<see cref="ReadsFrom"/>), and recomputed after any write to one of
/// them: exact, never stale. The day is part of the key because "overdue", "quiet" and "this year" move with it;
/// nothing else is time-based.</para>
/// </summary>
public sealed class IndexModel(IDb db, ProjectLookups lookups, DashboardCache cache) : PageModel
{
    public const int TopCount = 10;

    /// <summary>Every table the figures read.</summary>
    public static readonly IReadOnlyList<string> ReadsFrom =
    [
        DataVersions.Chains, DataVersions.ChainNodes, DataVersions.Enterprises, DataVersions.Parks, DataVersions.Projects,
        DataVersions.ProjectNodes, DataVersions.Activities, DataVersions.Users, DataVersions.TeamTargets,
    ];

    public Totals Figures { get; private set; } = new();
    public IReadOnlyList<StageFigure> Funnel { get; private set; } = [];
    public Pipeline Projects { get; private set; } = new();
    public decimal? Target { get; private set; }
    public IReadOnlyList<GroupFigure> ByChain { get; private set; } = [];
    public IReadOnlyList<GroupFigure> ByOwner { get; private set; } = [];
    public IReadOnlyList<OverdueRow> OverdueList { get; private set; } = [];
    public IReadOnlyList<QuietRow> RedList { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public ProjectScope Scope { get; private set; } = ProjectScope.Nobody;
    public ProjectOptions Options => lookups.Options;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scope = ProjectScope.For(User);
        Today = lookups.Today;
        // The stamp first: everything read after it is at least as new (see DataVersions).
        var stamp = await DataVersions.StampAsync(db, ReadsFrom, ct);
        var scope = Scope;
        var today = Today;
        var figures = await cache.Figures.GetAsync(DashboardCache.Key.For(scope, today), stamp, () => LoadAsync(scope, today, ct));
        (Figures, Funnel, Projects, Target, ByChain, ByOwner, OverdueList, RedList) = figures;
    }

    /// <summary>Everything the page shows for one scope on one day; read-only once made (the cache shares it).</summary>
    public sealed record Loaded(
        Totals Figures,
        IReadOnlyList<StageFigure> Funnel,
        Pipeline Projects,
        decimal? Target,
        IReadOnlyList<GroupFigure> ByChain,
        IReadOnlyList<GroupFigure> ByOwner,
        IReadOnlyList<OverdueRow> OverdueList,
        IReadOnlyList<QuietRow> RedList);

    private async Task<Loaded> LoadAsync(ProjectScope scope, DateOnly today, CancellationToken ct)
    {
        var totals = await db.QuerySingleOrDefaultAsync<Totals>(Sql.Totals, ct: ct) ?? new Totals();
        var (yellow, red) = ProjectHealth.Cutoffs(today, lookups.Options);
        var parameters = scope.AddTo(new
        {
            YearStart = new DateOnly(today.Year, 1, 1),
            NextYearStart = new DateOnly(today.Year + 1, 1, 1),
            // Whole numbers as integers: SQLite compares them with the stored numbers without converting text per row.
            OneYi = (long)ProjectStages.OneYi,
            TenYi = (long)(10 * ProjectStages.OneYi),
            Today = today,
            Yellow = yellow,
            Red = red,
            Take = TopCount,
            Skip = 0,
        });
        // One pass over the projects gives the funnel and every per-stage figure; the stage rules pick which count.
        var byStage = (await db.QueryAsync<StageFigure>(Sql.Funnel, parameters, ct)).ToDictionary(f => f.Stage);
        List<StageFigure> funnel = [.. ProjectStages.All.Select(s => byStage.TryGetValue(s, out var f) ? f : new StageFigure { Stage = s })];
        var signed = funnel.Where(f => ProjectStages.IsSigned(f.Stage)).ToList();
        var active = funnel.Where(f => ProjectStages.Active.Contains(f.Stage)).ToList();
        var notLost = funnel.Where(f => f.Stage != ProjectStages.Lost).ToList();
        var projects = new Pipeline
        {
            Total = funnel.Sum(f => f.Count),
            SignedThisYear = signed.Sum(f => f.SignedCount),
            SignedThisYearWan = signed.Sum(f => f.SignedWan ?? 0),
            OverOneYi = notLost.Sum(f => f.OverOneYi),
            OverTenYi = notLost.Sum(f => f.OverTenYi),
            Yellow = active.Sum(f => f.Yellow),
            Red = active.Sum(f => f.Red),
            Overdue = await db.ExecuteScalarAsync<long>(Sql.Overdue, parameters, ct),
        };
        var target = scope.SeesAll || scope.TeamId is null
            ? await db.ExecuteScalarAsync<decimal?>(Sql.BureauTarget, new { today.Year }, ct)
                ?? await db.ExecuteScalarAsync<decimal?>(Sql.TeamTargetsSum, new { today.Year }, ct)
            : await db.ExecuteScalarAsync<decimal?>(Sql.TeamTarget, new { today.Year, scope.TeamId }, ct);
        return new Loaded(
            totals,
            funnel,
            projects,
            target,
            await db.QueryAsync<GroupFigure>(Sql.ByChain, parameters, ct),
            await db.QueryAsync<GroupFigure>(Sql.ByOwner, parameters, ct),
            await db.QueryAsync<OverdueRow>(Sql.OverdueList, parameters, ct),
            await db.QueryAsync<QuietRow>(Sql.RedList, parameters, ct));
    }

    public sealed class Totals
    {
        public long Chains { get; set; }
        public long Nodes { get; set; }
        public long LocalEnterprises { get; set; }
        public long ProspectEnterprises { get; set; }
        public long Parks { get; set; }
    }

    public sealed class StageFigure
    {
        public string Stage { get; set; } = "";
        public long Count { get; set; }
        public decimal? PlannedWan { get; set; }
        public long SignedCount { get; set; }
        public decimal? SignedWan { get; set; }
        public long OverOneYi { get; set; }
        public long OverTenYi { get; set; }
        public long Yellow { get; set; }
        public long Red { get; set; }
    }

    public sealed class Pipeline
    {
        public long Total { get; set; }
        public long SignedThisYear { get; set; }
        public decimal? SignedThisYearWan { get; set; }
        public long OverOneYi { get; set; }
        public long OverTenYi { get; set; }
        public long Overdue { get; set; }
        public long Yellow { get; set; }
        public long Red { get; set; }
    }

    public sealed class GroupFigure
    {
        public string GroupKey { get; set; } = "";
        public string Name { get; set; } = "";
        public string? NameEn { get; set; }
        public long Count { get; set; }
        public decimal? PlannedWan { get; set; }
    }

    public sealed class OverdueRow
    {
        public string Code { get; set; } = "";
        public string Title { get; set; } = "";
        public string OwnerName { get; set; } = "";
        public string NextStep { get; set; } = "";
        public DateOnly NextStepDueOn { get; set; }
    }

    public sealed class QuietRow
    {
        public string Code { get; set; } = "";
        public string Title { get; set; } = "";
        public string OwnerName { get; set; } = "";
        public DateOnly? LastActivityOn { get; set; }
    }

    internal static class Sql
    {
        public const string Totals = """
            SELECT (SELECT COUNT(*) FROM Chains) AS Chains,
                   (SELECT COUNT(*) FROM ChainNodes) AS Nodes,
                   (SELECT COUNT(*) FROM Enterprises WHERE Kind = 'local') AS LocalEnterprises,
                   (SELECT COUNT(*) FROM Enterprises WHERE Kind = 'prospect') AS ProspectEnterprises,
                   (SELECT COUNT(*) FROM Parks) AS Parks
            """;

        private const string Scoped = "\nFROM Projects p\nWHERE " + ProjectScope.Filter;

        public const string Funnel = """
            SELECT p.Stage, COUNT(*) AS Count, SUM(p.PlannedInvestmentWan) AS PlannedWan,
                   SUM(CASE WHEN p.SignedOn >= @YearStart AND p.SignedOn < @NextYearStart THEN 1 ELSE 0 END) AS SignedCount,
                   SUM(CASE WHEN p.SignedOn >= @YearStart AND p.SignedOn < @NextYearStart THEN p.ContractedInvestmentWan ELSE 0 END) AS SignedWan,
                   SUM(CASE WHEN p.PlannedInvestmentWan >= @OneYi THEN 1 ELSE 0 END) AS OverOneYi,
                   SUM(CASE WHEN p.PlannedInvestmentWan >= @TenYi THEN 1 ELSE 0 END) AS OverTenYi,
                   SUM(CASE WHEN p.LastActivityOn <= @Yellow AND p.LastActivityOn > @Red THEN 1 ELSE 0 END) AS Yellow,
                   SUM(CASE WHEN p.LastActivityOn <= @Red THEN 1 ELSE 0 END) AS Red
            """ + Scoped + "\nGROUP BY p.Stage";

        public const string Overdue = """
            SELECT COUNT(*)
            FROM Activities a
            JOIN Projects p ON p.Id = a.ProjectId
            WHERE a.NextStepDueOn < @Today AND a.NextStepDoneAtUtc IS NULL AND p.Stage NOT IN ('lost', 'on_hold') AND 
            """ + ProjectScope.Filter + "\n";

        public const string ByChain = """
            SELECT c.Code AS GroupKey, c.Name, c.NameEn, x.Count, NULL AS PlannedWan
            FROM (SELECT n.ChainId, COUNT(DISTINCT pn.ProjectId) AS Count
                  FROM ProjectNodes pn
                  JOIN ChainNodes n ON n.Id = pn.NodeId
                  WHERE pn.ProjectId IN (SELECT p.Id FROM Projects p WHERE p.Stage <> 'lost' AND 
            """ + ProjectScope.Filter + """
            )
                  GROUP BY n.ChainId) x
            JOIN Chains c ON c.Id = x.ChainId
            ORDER BY x.Count DESC, c.Code
            """;

        public const string ByOwner = """
            SELECT u.Email AS GroupKey, u.DisplayName AS Name, NULL AS NameEn, o.Count, o.PlannedWan
            FROM (SELECT p.OwnerUserId, COUNT(*) AS Count, SUM(p.PlannedInvestmentWan) AS PlannedWan
                  FROM Projects p
                  WHERE p.Stage <> 'lost' AND 
            """ + ProjectScope.Filter + """

                  GROUP BY p.OwnerUserId) o
            JOIN Users u ON u.Id = o.OwnerUserId
            ORDER BY o.Count DESC, u.DisplayName
            """ + " " + SqlText.Paging;

        public const string OverdueList = """
            SELECT p.Code, p.Title, u.DisplayName AS OwnerName, a.NextStep, a.NextStepDueOn
            FROM Activities a
            JOIN Projects p ON p.Id = a.ProjectId
            JOIN Users u ON u.Id = p.OwnerUserId
            WHERE a.NextStepDueOn < @Today AND a.NextStepDoneAtUtc IS NULL AND p.Stage NOT IN ('lost', 'on_hold') AND 
            """ + ProjectScope.Filter + "\nORDER BY a.NextStepDueOn, a.Id\n" + SqlText.Paging;

        public const string RedList = """
            SELECT p.Code, p.Title, u.DisplayName AS OwnerName, p.LastActivityOn
            FROM Projects p
            JOIN Users u ON u.Id = p.OwnerUserId
            WHERE p.Stage NOT IN ('in_production', 'on_hold', 'lost') AND p.LastActivityOn <= @Yellow AND 
            """ + ProjectScope.Filter + "\nORDER BY p.LastActivityOn, p.Id\n" + SqlText.Paging;

        public const string BureauTarget = "SELECT TargetWan FROM TeamTargets WHERE Year = @Year AND TeamId IS NULL";

        public const string TeamTargetsSum = "SELECT SUM(TargetWan) FROM TeamTargets WHERE Year = @Year AND TeamId IS NOT NULL";

        public const string TeamTarget = "SELECT TargetWan FROM TeamTargets WHERE Year = @Year AND TeamId = @TeamId";
    }
}
