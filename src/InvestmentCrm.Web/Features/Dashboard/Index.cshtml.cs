using System.Globalization;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Dashboard;

/// <summary>
/// The dashboard: registry totals, then the project pipeline of the user's visible scope (never more): funnel by
/// stage, signed investment this year against the annual target, large projects, projects by chain and by owner,
/// overdue follow-ups and quiet (red/yellow) projects; and a year's signings by month against its target, by team
/// (<see cref="SigningTrend"/>, the year from <c>?year=</c>).
/// <para>Its figures are kept per scope and day (<see cref="DashboardCache"/>) with the <see cref="DataVersions"/>
/// stamp of every table they are computed from (<see cref="ReadsFrom"/>), the trend also per year, and recomputed after any write to one of
/// them: exact, never stale. The day is part of the key because "overdue", "quiet" and "this year" move with it;
/// nothing else is time-based.</para>
/// </summary>
public sealed class IndexModel(IDb db, RequestDataVersions versions, ProjectLookups lookups, DashboardCache cache) : PageModel
{
    public const int TopCount = 10;

    /// <summary>Every table the figures read.</summary>
    public static readonly IReadOnlyList<string> ReadsFrom =
    [
        DataVersions.Chains, DataVersions.ChainNodes, DataVersions.Enterprises, DataVersions.Parks, DataVersions.Projects,
        DataVersions.ProjectNodes, DataVersions.Activities, DataVersions.Users, DataVersions.TeamTargets, DataVersions.CoordinationMatters,
        DataVersions.FundsInPlace,
    ];

    public Totals Figures { get; private set; } = new();
    public IReadOnlyList<StageFigure> Funnel { get; private set; } = [];
    public Pipeline Projects { get; private set; } = new();
    public decimal? Target { get; private set; }
    public FundsFigure Funds { get; private set; } = new(0m, null, []);
    public IReadOnlyList<GroupFigure> ByChain { get; private set; } = [];
    public IReadOnlyList<GroupFigure> ByOwner { get; private set; } = [];
    public IReadOnlyList<OverdueRow> OverdueList { get; private set; } = [];
    public IReadOnlyList<QuietRow> QuietList { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public ProjectScope Scope { get; private set; } = ProjectScope.Nobody;
    public ProjectLookups Lookups => lookups;

    /// <summary>The year the signing trend shows (<c>?year=2026</c>); the current year when absent or not a year.</summary>
    [BindProperty(SupportsGet = true, Name = "year")]
    public string? YearAsked { get; set; }

    /// <summary>What was asked for when it is not a year between <see cref="TargetsModel.FirstYear"/> and
    /// <see cref="TargetsModel.LastYear"/> (shortened), to say so above the current year's trend.</summary>
    public string? BadYear { get; private set; }

    public SigningTrend Trend { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scope = ProjectScope.For(User);
        Today = lookups.Today;
        // The stamp first: everything read after it is at least as new (see DataVersions).
        var stamp = await versions.StampAsync(ReadsFrom, ct);
        var scope = Scope;
        var today = Today;
        var key = DashboardCache.Key.For(scope, today);
        var figures = await cache.Figures.GetAsync(key, stamp, () => LoadAsync(scope, today, ct));
        (Figures, Funnel, Projects, Target, Funds, ByChain, ByOwner, OverdueList, QuietList) = figures;
        var year = TrendYear(today);
        Trend = await cache.Trends.GetAsync(new DashboardCache.TrendKey(key, year), stamp, () => SigningTrend.LoadAsync(db, scope, year, today, ct));
    }

    private int TrendYear(DateOnly today)
    {
        var asked = YearAsked?.Trim();
        if (string.IsNullOrEmpty(asked))
        {
            return today.Year;
        }

        if (int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= TargetsModel.FirstYear and <= TargetsModel.LastYear)
        {
            return year;
        }

        BadYear = asked.Length > 20 ? asked[..20] + "…" : asked;
        return today.Year;
    }

    /// <summary>Everything the page shows for one scope on one day; read-only once made (the cache shares it).</summary>
    public sealed record Loaded(
        Totals Figures,
        IReadOnlyList<StageFigure> Funnel,
        Pipeline Projects,
        decimal? Target,
        FundsFigure Funds,
        IReadOnlyList<GroupFigure> ByChain,
        IReadOnlyList<GroupFigure> ByOwner,
        IReadOnlyList<OverdueRow> OverdueList,
        IReadOnlyList<QuietRow> QuietList);

    private async Task<Loaded> LoadAsync(ProjectScope scope, DateOnly today, CancellationToken ct)
    {
        var totals = await db.QuerySingleOrDefaultAsync<Totals>(Sql.Totals, ct: ct) ?? new Totals();
        var parameters = scope.AddTo(new
        {
            // Whole numbers as integers: SQLite compares them with the stored numbers without converting text per row.
            OneYi = (long)ProjectStages.OneYi,
            TenYi = (long)(10 * ProjectStages.OneYi),
            Today = today,
            Take = TopCount,
            Skip = 0,
        });
        parameters.AddDynamicParams(SigningPeriod.Year(today.Year));
        parameters.AddDynamicParams(lookups.Cutoffs(today));
        // One pass over the projects gives the funnel and every per-stage figure; the stage rules pick which count.
        var byStage = (await db.QueryAsync<StageFigure>(Sql.Funnel, parameters, ct)).ToDictionary(f => f.Stage);
        List<StageFigure> funnel = [.. ProjectStages.All.Select(s => byStage.TryGetValue(s, out var f) ? f : new StageFigure { Stage = s })];
        var notLost = funnel.Where(f => f.Stage != ProjectStages.Lost).ToList();
        var projects = new Pipeline
        {
            Total = funnel.Sum(f => f.Count),
            // Signed this year by signing date, whatever the stage now (Domain/Projects/Signings).
            SignedThisYear = funnel.Sum(f => f.SignedCount),
            SignedThisYearWan = funnel.Sum(f => f.SignedWan ?? 0),
            SignedThisYearNowParked = funnel.Where(f => ProjectStages.Parked.Contains(f.Stage)).Sum(f => f.SignedCount),
            OverOneYi = notLost.Sum(f => f.OverOneYi),
            OverTenYi = notLost.Sum(f => f.OverTenYi),
            Yellow = funnel.Sum(f => f.Yellow),
            Red = funnel.Sum(f => f.Red),
            Overdue = await db.ExecuteScalarAsync<long>(Sql.Overdue, parameters, ct),
        };
        var target = scope.SeesAll || scope.TeamId is not { } team
            ? await SigningTargets.BureauAsync(db, today.Year, ct)
            : await SigningTargets.TeamAsync(db, today.Year, team, ct);
        return new Loaded(
            totals,
            funnel,
            projects,
            target,
            await FundsAsync(scope, today.Year, ct),
            await db.QueryAsync<GroupFigure>(Sql.ByChain, parameters, ct),
            await db.QueryAsync<GroupFigure>(Sql.ByOwner, parameters, ct),
            await db.QueryAsync<OverdueRow>(Sql.OverdueList, parameters, ct),
            await db.QueryAsync<QuietRow>(Sql.QuietList, parameters, ct));
    }

    /// <summary>The year's funds in place in the scope against the bureau's target (who sees all, with each team's
    /// figure beside its own target) or the reader's team's target.</summary>
    private async Task<FundsFigure> FundsAsync(ProjectScope scope, int year, CancellationToken ct)
    {
        var inPlace = await Features.Funds.FundsQueries.YearWanAsync(db, scope, year, ct);
        if (scope.SeesAll || scope.TeamId is not { } team)
        {
            return new FundsFigure(inPlace, await FundsTargets.BureauAsync(db, year, ct), scope.SeesAll ? await FundsTargets.ByTeamAsync(db, year, ct) : []);
        }

        return new FundsFigure(inPlace, await FundsTargets.TeamAsync(db, year, team, ct), []);
    }

    /// <summary>Funds in place this year (万元), the target they are measured against, and per team for who sees all.</summary>
    public sealed record FundsFigure(decimal InPlaceWan, decimal? TargetWan, IReadOnlyList<FundsTargets.TeamFunds> ByTeam)
    {
        public int Progress => TargetWan is > 0 ? (int)Math.Min(100, Math.Round(InPlaceWan * 100 / TargetWan.Value)) : 0;
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

        /// <summary>Of the year's signings, those whose project is on hold or lost now (still counted above).</summary>
        public long SignedThisYearNowParked { get; set; }
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
        public string Stage { get; set; } = "";
        public DateOnly? LastActivityOn { get; set; }
        public DateTime CreatedAtUtc { get; set; }
        public bool HasOverdueMatter { get; set; }
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

        public const string Funnel =
            "SELECT p.Stage, COUNT(*) AS Count, SUM(p.PlannedInvestmentWan) AS PlannedWan,\n" +
            "       SUM(CASE WHEN " + Signings.InPeriod + " THEN 1 ELSE 0 END) AS SignedCount,\n" +
            "       SUM(CASE WHEN " + Signings.InPeriod + " THEN " + Signings.InvestmentWan + " ELSE 0 END) AS SignedWan,\n" +
            "       SUM(CASE WHEN p.PlannedInvestmentWan >= @OneYi THEN 1 ELSE 0 END) AS OverOneYi,\n" +
            "       SUM(CASE WHEN p.PlannedInvestmentWan >= @TenYi THEN 1 ELSE 0 END) AS OverTenYi,\n" +
            "       SUM(CASE WHEN " + ProjectHealth.YellowFilter + " THEN 1 ELSE 0 END) AS Yellow,\n" +
            "       SUM(CASE WHEN " + ProjectHealth.RedFilter + " THEN 1 ELSE 0 END) AS Red" +
            Scoped + "\nGROUP BY p.Stage";

        // Open next steps due before today, of projects that are not parked (on hold or lost).
        private const string OverdueWhere =
            "\nWHERE a.NextStepDueOn < @Today AND a.NextStepDoneAtUtc IS NULL AND p.Stage NOT IN " + ProjectStages.ParkedList + " AND " + ProjectScope.Filter;

        public const string Overdue = """
            SELECT COUNT(*)
            FROM Activities a
            JOIN Projects p ON p.Id = a.ProjectId
            """ + OverdueWhere;

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
            """ + OverdueWhere + "\nORDER BY a.NextStepDueOn, a.Id\n" + SqlText.Paging;

        // Yellow and red projects, quietest first.
        public const string QuietList = """
            SELECT p.Code, p.Title, u.DisplayName AS OwnerName, p.Stage, p.LastActivityOn, p.CreatedAtUtc,
            """ + ProjectHealth.OverdueMatterColumn + """

            FROM Projects p
            JOIN Users u ON u.Id = p.OwnerUserId
            WHERE
            """ + ProjectHealth.QuietFilter + " AND " + ProjectScope.Filter + "\nORDER BY " + LastActivity.QuietestFirst + "\n" + SqlText.Paging;
    }
}
