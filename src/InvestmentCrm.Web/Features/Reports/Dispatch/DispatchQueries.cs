using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Dashboard;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Reports.Dispatch;

/// <summary>
/// Reads the dispatch report of a month within a project scope (<see cref="ProjectScope"/>: staff their team's
/// projects, Leaders and Admins the bureau's). The figures follow <see cref="DispatchRules"/>; each is one grouped
/// pass: the projects (per team) once per period, the ledger by its ReceivedOn index, the matters by their status.
/// <para>A report is kept per month, scope and day (<see cref="DispatchCache"/>) with the <see cref="DataVersions"/>
/// stamp of every table it is computed from, like the dashboard's figures: a write to any of them makes the next
/// reader compute it again, so it is never stale; reading it again costs one read of the counters.</para>
/// </summary>
public sealed class DispatchQueries(IDb db, RequestDataVersions versions, ProjectLookups lookups, DispatchCache cache)
{
    public async Task<DispatchReport> LoadAsync(DispatchMonth month, ProjectScope scope, CancellationToken ct)
    {
        // The stamp first: everything read after it is at least as new (see DataVersions).
        var stamp = await versions.StampAsync(DispatchCache.ReadsFrom, ct);
        var today = lookups.Today;
        return await cache.Reports.GetAsync(DispatchCache.Key.For(month, scope, today), stamp, () => ComputeAsync(month, scope, today, ct));
    }

    private async Task<DispatchReport> ComputeAsync(DispatchMonth month, ProjectScope scope, DateOnly today, CancellationToken ct)
    {
        var monthFigures = await CountsAsync(month.MonthPeriod, scope, ct);
        var yearFigures = await CountsAsync(month.YearToDate, scope, ct);
        var targets = await db.QueryAsync<TargetRow>(Sql.Targets, new { month.Year }, ct);
        var teams = await lookups.TeamsAsync(ct);

        // Key 0: projects without a team (team ids start at 1).
        var teamIds = monthFigures.Keys.Union(yearFigures.Keys).ToHashSet();
        if (scope.SeesAll)
        {
            teamIds.UnionWith(teams.Select(t => t.Id));
        }
        else if (scope.TeamId is { } own)
        {
            teamIds.Add(own);
        }

        var rows = teamIds
            .Select(id => new DispatchRow(
                id == NoTeam ? null : id,
                teams.FirstOrDefault(t => t.Id == id)?.Name,
                monthFigures.GetValueOrDefault(id, DispatchCounts.Zero),
                yearFigures.GetValueOrDefault(id, DispatchCounts.Zero),
                targets.FirstOrDefault(t => t.TeamId == id)?.TargetWan,
                targets.FirstOrDefault(t => t.TeamId == id)?.FundsTargetWan))
            .OrderBy(r => r.TeamId is null).ThenBy(r => r.TeamName, StringComparer.CurrentCulture)
            .ToList();

        var total = new DispatchRow(
            null,
            null,
            rows.Aggregate(DispatchCounts.Zero, (sum, r) => sum.Plus(r.Month)),
            rows.Aggregate(DispatchCounts.Zero, (sum, r) => sum.Plus(r.YearToDate)),
            TotalTarget(scope, targets, t => t.TargetWan),
            TotalTarget(scope, targets, t => t.FundsTargetWan));

        var monthParameters = scope.AddTo(DispatchRules.Parameters(month.MonthPeriod, lookups.Zone));
        monthParameters.AddDynamicParams(new { Skip = 0, Take = DispatchReport.ListedProjects });
        var quiet = scope.AddTo(lookups.Cutoffs(today));
        quiet.AddDynamicParams(new { Skip = 0, Take = DispatchReport.ListedProjects });
        var health = await db.QuerySingleOrDefaultAsync<HealthCounts>(Sql.HealthCounts, quiet, ct) ?? new HealthCounts();
        var stalled = await db.QueryAsync<StalledProject>(Sql.Stalled, quiet, ct);
        foreach (var project in stalled)
        {
            project.Health = lookups.Health(project.Stage, project.LastActivityOn, project.CreatedAtUtc, project.HasOverdueMatter);
        }

        return new DispatchReport(
            month,
            today,
            scope.SeesAll,
            rows,
            total,
            await db.ExecuteScalarAsync<long>(Sql.MovedCount, monthParameters, ct),
            await db.QueryAsync<MovedProject>(Sql.Moved, monthParameters, ct),
            health.Red ?? 0,
            health.Yellow ?? 0,
            stalled,
            await db.QueryAsync<DepartmentMatters>(Sql.Matters, quiet, ct));
    }

    private const long NoTeam = 0;

    /// <summary>The period's figures per team (key: the team's id, <see cref="NoTeam"/> for projects without a team).</summary>
    private async Task<Dictionary<long, DispatchCounts>> CountsAsync(DispatchPeriod period, ProjectScope scope, CancellationToken ct)
    {
        var parameters = scope.AddTo(DispatchRules.Parameters(period, lookups.Zone));
        var funds = (await db.QueryAsync<TeamFunds>(Sql.Funds, parameters, ct)).ToDictionary(f => f.TeamId ?? NoTeam, f => f.FundsWan ?? 0m);
        var result = (await db.QueryAsync<TeamFigure>(Sql.Projects, parameters, ct)).ToDictionary(
            p => p.TeamId ?? NoTeam,
            p => new DispatchCounts(p.Leads, p.Signed, p.SignedWan ?? 0m, p.Started, p.InProduction, funds.GetValueOrDefault(p.TeamId ?? NoTeam)));
        foreach (var (team, amount) in funds)
        {
            result.TryAdd(team, DispatchCounts.Zero with { FundsWan = amount });
        }

        return result;
    }

    /// <summary>The target of the total: the bureau's (its own, else the sum of its teams', as <see cref="SigningTargets"/>
    /// reads the signing target) for a reader who sees all; the team's for a staff member; none without a team.</summary>
    private static decimal? TotalTarget(ProjectScope scope, IReadOnlyList<TargetRow> rows, Func<TargetRow, decimal?> pick)
    {
        if (!scope.SeesAll)
        {
            return scope.TeamId is { } team ? rows.Where(r => r.TeamId == team).Select(pick).FirstOrDefault() : null;
        }

        if (rows.FirstOrDefault(r => r.TeamId is null) is { } bureau && pick(bureau) is { } own)
        {
            return own;
        }

        var teams = rows.Where(r => r.TeamId is not null).Select(pick).Where(v => v is not null).ToList();
        return teams.Count == 0 ? null : teams.Sum();
    }

    private sealed class TeamFigure
    {
        public long? TeamId { get; set; }
        public long Leads { get; set; }
        public long Signed { get; set; }
        public decimal? SignedWan { get; set; }
        public long Started { get; set; }
        public long InProduction { get; set; }
    }

    private sealed class TeamFunds
    {
        public long? TeamId { get; set; }
        public decimal? FundsWan { get; set; }
    }

    private sealed class TargetRow
    {
        public long? TeamId { get; set; }
        public decimal? TargetWan { get; set; }
        public decimal? FundsTargetWan { get; set; }
    }

    private sealed class HealthCounts
    {
        public long? Red { get; set; }
        public long? Yellow { get; set; }
    }

    internal static class Sql
    {
        // Only projects with something in the period: the OR of the four rules lets the row pass, the sums count.
        public const string Projects =
            "SELECT p.TeamId,\n" +
            "       SUM(CASE WHEN " + DispatchRules.RegisteredIn + " THEN 1 ELSE 0 END) AS Leads,\n" +
            "       SUM(CASE WHEN " + Signings.InPeriod + " THEN 1 ELSE 0 END) AS Signed,\n" +
            "       SUM(CASE WHEN " + Signings.InPeriod + " THEN " + Signings.InvestmentWan + " ELSE 0 END) AS SignedWan,\n" +
            "       SUM(CASE WHEN " + DispatchRules.StartedIn + " THEN 1 ELSE 0 END) AS Started,\n" +
            "       SUM(CASE WHEN " + DispatchRules.InProductionIn + " THEN 1 ELSE 0 END) AS InProduction\n" +
            "FROM Projects p\n" +
            "WHERE (" + DispatchRules.RegisteredIn + " OR " + Signings.InPeriod + " OR " + DispatchRules.StartedIn + " OR " + DispatchRules.InProductionIn + ")\n" +
            "  AND " + ProjectScope.Filter + "\n" +
            "GROUP BY p.TeamId";

        public const string Funds =
            "SELECT p.TeamId, SUM(f.AmountWan) AS FundsWan\n" +
            "FROM FundsInPlace f\n" +
            "JOIN Projects p ON p.Id = f.ProjectId\n" +
            "WHERE " + DispatchRules.ReceivedIn + " AND " + ProjectScope.Filter + "\n" +
            "GROUP BY p.TeamId";

        public const string Targets = "SELECT TeamId, TargetWan, FundsTargetWan FROM TeamTargets WHERE Year = @Year";

        private const string MovedFrom = """

            FROM ProjectStageChanges c
            JOIN Projects p ON p.Id = c.ProjectId
            JOIN Users u ON u.Id = p.OwnerUserId
            WHERE c.ChangedAtUtc >= @FromUtc AND c.ChangedAtUtc < @BeforeUtc AND c.FromStage IS NOT NULL AND
            """ + " " + ProjectScope.Filter;

        public const string MovedCount = "SELECT COUNT(*)" + MovedFrom;

        public const string Moved = "SELECT p.Code, p.Title, u.DisplayName AS OwnerName, c.FromStage, c.ToStage, c.ChangedAtUtc" + MovedFrom
            + "\nORDER BY c.ChangedAtUtc, c.Id\n" + SqlText.Paging;

        public const string HealthCounts =
            "SELECT SUM(CASE WHEN " + ProjectHealth.RedFilter + " THEN 1 ELSE 0 END) AS Red,\n" +
            "       SUM(CASE WHEN " + ProjectHealth.YellowFilter + " THEN 1 ELSE 0 END) AS Yellow\n" +
            "FROM Projects p\nWHERE " + ProjectHealth.QuietFilter + " AND " + ProjectScope.Filter;

        // Red and yellow projects (三色预警), quietest first, with their owner and team.
        public const string Stalled = """
            SELECT p.Code, p.Title, u.DisplayName AS OwnerName, t.Name AS TeamName, p.Stage, p.LastActivityOn, p.CreatedAtUtc,
            """ + ProjectHealth.OverdueMatterColumn + """

            FROM Projects p
            JOIN Users u ON u.Id = p.OwnerUserId
            LEFT JOIN Teams t ON t.Id = p.TeamId
            WHERE
            """ + " " + ProjectHealth.QuietFilter + " AND " + ProjectScope.Filter + "\nORDER BY " + LastActivity.QuietestFirst + "\n" + SqlText.Paging;

        // Unresolved matters by department, the most overdue first; overdue as of today (CoordinationMatters.OverdueOn).
        public const string Matters = """
            SELECT COALESCE(m.Department, '') AS Department, COUNT(*) AS OpenCount,
                   SUM(CASE WHEN
            """ + " " + CoordinationMatters.OverdueOn + """
             THEN 1 ELSE 0 END) AS Overdue
            FROM CoordinationMatters m
            JOIN Projects p ON p.Id = m.ProjectId
            WHERE m.Status <> 'resolved' AND
            """ + " " + ProjectScope.Filter + """

            GROUP BY COALESCE(m.Department, '')
            ORDER BY Overdue DESC, OpenCount DESC, Department
            """;
    }
}
