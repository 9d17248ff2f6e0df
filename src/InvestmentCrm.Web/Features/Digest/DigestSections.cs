using Dapper;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Digest;

/// <summary>
/// What a digest run reads once and shares between its recipients: the sections of every project (the same for
/// every Leader and Admin), the targets, and every staff member's own sections, read for all owners in one query
/// per section. One per run: a new run reads everything afresh, so a digest never shows an older week's state.
/// </summary>
public sealed class DigestRun(IsoWeekId week)
{
    public IsoWeekId Week { get; } = week;

    internal DigestSections.Filter? Filter { get; set; }

    internal ProjectSections? Everything { get; set; }

    internal IReadOnlyList<TargetItem>? Targets { get; set; }

    internal IReadOnlyDictionary<long, ProjectSections>? ByOwner { get; set; }
}

/// <summary>The project lists of one digest, each with its total, and the week's signed investment.</summary>
internal sealed record ProjectSections(
    DigestSection<StageChangeItem> StageChanges,
    DigestSection<NewProjectItem> NewProjects,
    DigestSection<SigningItem> Signings,
    decimal SignedInvestmentWan,
    DigestSection<FollowUpItem> Overdue,
    DigestSection<FollowUpItem> DueThisWeek,
    DigestSection<StaleProjectItem> Red,
    DigestSection<StaleProjectItem> Yellow,
    DigestSection<MatterItem> OverdueMatters)
{
    public static readonly ProjectSections Empty = new(
        DigestSection<StageChangeItem>.Empty, DigestSection<NewProjectItem>.Empty, DigestSection<SigningItem>.Empty, 0m,
        DigestSection<FollowUpItem>.Empty, DigestSection<FollowUpItem>.Empty, DigestSection<StaleProjectItem>.Empty, DigestSection<StaleProjectItem>.Empty,
        DigestSection<MatterItem>.Empty);
}

/// <summary>
/// Reads the digest's project sections in two scopes: every project (Leaders and Admins) and the projects a staff
/// member owns. The owners' sections come from one query per section for all owners at once (numbered per owner
/// with ROW_NUMBER, counted with COUNT(*) OVER): a run of 1,000 digests reads each section once, not 1,000 times.
/// </summary>
internal static class DigestSections
{
    public static async Task<ProjectSections> EverythingAsync(IDb db, Filter f, TimeZoneInfo zone, ProjectOptions options, CancellationToken ct) => new(
        await SectionAsync<StageChangeItem>(db, Sql.StageChangesAll, Sql.StageChangesAllCount, f, ct),
        await SectionAsync<NewProjectItem>(db, Sql.NewProjectsAll, Sql.NewProjectsAllCount, f, ct),
        await SectionAsync<SigningItem>(db, Sql.SigningsAll, Sql.SigningsAllCount, f, ct),
        await db.ExecuteScalarAsync<decimal?>(Sql.SigningsAllSum, f, ct) ?? 0m,
        await SectionAsync<FollowUpItem>(db, Sql.OverdueAll, Sql.OverdueAllCount, f, ct),
        await SectionAsync<FollowUpItem>(db, Sql.DueNextWeekAll, Sql.DueNextWeekAllCount, f, ct),
        Idle(await SectionAsync<StaleProjectItem>(db, Sql.RedAll, Sql.RedAllCount, f, ct), f, zone, options),
        Idle(await SectionAsync<StaleProjectItem>(db, Sql.YellowAll, Sql.YellowAllCount, f, ct), f, zone, options),
        await SectionAsync<MatterItem>(db, MatterDigest.Sql.OverdueAll, MatterDigest.Sql.OverdueAllCount, f, ct));

    /// <summary>
    /// A staff member's sections: the projects they own, plus the new projects of the chains they follow that are
    /// in their <see cref="ProjectScope"/> (their team's) — that one list is read per follower, as it depends on
    /// the follows and the scope.
    /// </summary>
    public static async Task<ProjectSections> MineAsync(IDb db, Filter f, DigestRecipient recipient, DigestRun run, TimeZoneInfo zone, ProjectOptions options, CancellationToken ct)
    {
        run.ByOwner ??= await ByOwnerAsync(db, f, zone, options, ct);
        var own = run.ByOwner.GetValueOrDefault(recipient.UserId, ProjectSections.Empty);
        if (recipient.FollowedChainIds.Count == 0)
        {
            return own;
        }

        var scoped = ProjectScope.ForReader(recipient.UserId, recipient.TeamId, seesAll: false).AddTo(f);
        scoped.Add(nameof(recipient.UserId), recipient.UserId);
        return own with { NewProjects = await SectionAsync<NewProjectItem>(db, Sql.NewProjectsFollowed, Sql.NewProjectsFollowedCount, scoped, ct) };
    }

    private static async Task<IReadOnlyDictionary<long, ProjectSections>> ByOwnerAsync(IDb db, Filter f, TimeZoneInfo zone, ProjectOptions options, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var stageChanges = await OwnedAsync<StageChangeItem>(connection, db.Dialect, Sql.StageChangesByOwner, f, ct);
        var newProjects = await OwnedAsync<NewProjectItem>(connection, db.Dialect, Sql.NewProjectsByOwner, f, ct);
        var signings = await OwnedAsync<SigningItem>(connection, db.Dialect, Sql.SigningsByOwner, f, ct);
        var signedWan = (await connection.QueryAsync<(long OwnerUserId, decimal? Wan)>(new CommandDefinition(Sql.SigningsSumByOwner, f, cancellationToken: ct)))
            .ToDictionary(r => r.OwnerUserId, r => r.Wan ?? 0m);
        var overdue = await OwnedAsync<FollowUpItem>(connection, db.Dialect, Sql.OverdueByOwner, f, ct);
        var dueNextWeek = await OwnedAsync<FollowUpItem>(connection, db.Dialect, Sql.DueNextWeekByOwner, f, ct);
        var red = await OwnedAsync<StaleProjectItem>(connection, db.Dialect, Sql.RedByOwner, f, ct);
        var yellow = await OwnedAsync<StaleProjectItem>(connection, db.Dialect, Sql.YellowByOwner, f, ct);
        var matters = await OwnedAsync<MatterItem>(connection, db.Dialect, MatterDigest.Sql.OverdueByOwner, f, ct);
        var owners = stageChanges.Keys.Concat(newProjects.Keys).Concat(signings.Keys).Concat(overdue.Keys).Concat(dueNextWeek.Keys)
            .Concat(red.Keys).Concat(yellow.Keys).Concat(matters.Keys).ToHashSet();
        return owners.ToDictionary(owner => owner, owner => new ProjectSections(
            stageChanges.GetValueOrDefault(owner, DigestSection<StageChangeItem>.Empty),
            newProjects.GetValueOrDefault(owner, DigestSection<NewProjectItem>.Empty),
            signings.GetValueOrDefault(owner, DigestSection<SigningItem>.Empty),
            signedWan.GetValueOrDefault(owner),
            overdue.GetValueOrDefault(owner, DigestSection<FollowUpItem>.Empty),
            dueNextWeek.GetValueOrDefault(owner, DigestSection<FollowUpItem>.Empty),
            Idle(red.GetValueOrDefault(owner, DigestSection<StaleProjectItem>.Empty), f, zone, options),
            Idle(yellow.GetValueOrDefault(owner, DigestSection<StaleProjectItem>.Empty), f, zone, options),
            matters.GetValueOrDefault(owner, DigestSection<MatterItem>.Empty)));
    }

    /// <summary>Each owner's first rows of a section and their total (the rows carry it: <c>OwnerUserId, Total, Code, …</c>).</summary>
    private static async Task<Dictionary<long, DigestSection<T>>> OwnedAsync<T>(System.Data.Common.DbConnection connection, ISqlDialect dialect, string sql, Filter f, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<Owned, T, (Owned Owner, T Row)>(
            new CommandDefinition(SqlText.Render(sql, dialect), f, cancellationToken: ct), (owner, row) => (owner, row), splitOn: "Code");
        return rows.GroupBy(r => r.Owner.OwnerUserId)
            .ToDictionary(g => g.Key, g => new DigestSection<T>([.. g.Select(r => r.Row)], g.First().Owner.Total));
    }

    private static async Task<DigestSection<T>> SectionAsync<T>(IDb db, string rowsSql, string countSql, object filter, CancellationToken ct)
    {
        var total = await db.ExecuteScalarAsync<int>(countSql, filter, ct);
        return total == 0 ? DigestSection<T>.Empty : new DigestSection<T>(await db.QueryAsync<T>(rowsSql, filter, ct), total);
    }

    /// <summary>Red or yellow projects, longest idle first; days idle are counted to the end of the week.</summary>
    private static DigestSection<StaleProjectItem> Idle(DigestSection<StaleProjectItem> section, Filter f, TimeZoneInfo zone, ProjectOptions options)
    {
        foreach (var row in section.Rows)
        {
            var last = LastActivity.Of(row.LastActivityOn, row.CreatedAtUtc, zone);
            row.IdleDays = f.NextMonday.DayNumber - last.DayNumber;
            row.IsRed = row.IdleDays >= options.RedDays || row.HasOverdueMatter;
        }

        return section;
    }

    private sealed class Owned
    {
        public long OwnerUserId { get; init; }

        public int Total { get; init; }
    }

    /// <summary>The week's bounds and the page size, as the sections' parameters.</summary>
    internal sealed class Filter
    {
        public DateTime FromUtc { get; init; }

        public DateTime ToUtc { get; init; }

        public DateOnly SignedFrom { get; init; }

        public DateOnly SignedBefore { get; init; }

        public DateOnly NextMonday { get; init; }

        /// <summary>The day a coordination matter counts as overdue from (Domain/Projects/CoordinationMatters).</summary>
        public DateOnly MattersDueBefore { get; init; }

        public DateOnly FollowingMonday { get; init; }

        public DateOnly YellowOn { get; init; }

        public DateTime YellowEndUtc { get; init; }

        public DateOnly RedOn { get; init; }

        public DateTime RedEndUtc { get; init; }

        public int Skip { get; init; }

        public int Take { get; init; }
    }

    internal static class Sql
    {
        // Each list comes in two scopes: All (Leaders, Admins: rows and count) and ByOwner (every owner's first
        // rows, numbered per owner, each row carrying the owner's total). ByOwner statements select
        // OwnerUserId, Total, then the item's columns from Code on (Code splits the row for Dapper).
        private const string Numbered = ", p.OwnerUserId, COUNT(*) OVER (PARTITION BY p.OwnerUserId) AS Total, ROW_NUMBER() OVER (PARTITION BY p.OwnerUserId ORDER BY ";

        private const string FirstPerOwner = ") x WHERE x.Position <= @Take ORDER BY x.OwnerUserId, x.Position";

        private const string StageChangesSelect = "SELECT p.Code, p.Title, c.FromStage, c.ToStage, c.ChangedAtUtc ";

        private const string StageChangesFrom = """
            FROM ProjectStageChanges c
            JOIN Projects p ON p.Id = c.ProjectId
            WHERE c.FromStage IS NOT NULL AND c.ChangedAtUtc >= @FromUtc AND c.ChangedAtUtc < @ToUtc
            """;

        private const string StageChangesOrder = "c.ChangedAtUtc, c.Id";

        public const string StageChangesAll = StageChangesSelect + StageChangesFrom + " ORDER BY " + StageChangesOrder + " " + SqlText.Paging;

        public const string StageChangesAllCount = "SELECT COUNT(*) " + StageChangesFrom;

        public const string StageChangesByOwner =
            "SELECT x.OwnerUserId, x.Total, x.Code, x.Title, x.FromStage, x.ToStage, x.ChangedAtUtc FROM (\n" +
            StageChangesSelect + Numbered + StageChangesOrder + ") AS Position\n" + StageChangesFrom + "\n" + FirstPerOwner;

        // New projects: for staff their own plus those targeting a chain they follow that are in their scope (their
        // team's): another team's project is not theirs to read, followed chain or not.
        private const string NewProjectsSelect = "SELECT p.Code, p.Title, e.Name AS EnterpriseName, p.Stage, o.DisplayName AS OwnerName, p.PlannedInvestmentWan ";

        private const string NewProjectsFrom = """
            FROM Projects p
            JOIN Enterprises e ON e.Id = p.EnterpriseId
            JOIN Users o ON o.Id = p.OwnerUserId
            WHERE p.CreatedAtUtc >= @FromUtc AND p.CreatedAtUtc < @ToUtc
            """;

        private const string MineOrFollowed = """
             AND (p.OwnerUserId = @UserId OR (EXISTS (
                    SELECT 1 FROM ProjectNodes pn
                    JOIN ChainNodes cn ON cn.Id = pn.NodeId
                    JOIN UserFollowedChains f ON f.ChainId = cn.ChainId
                    WHERE pn.ProjectId = p.Id AND f.UserId = @UserId)
                  AND
            """ + " " + ProjectScope.Filter + "))";

        private const string NewProjectsOrder = "p.CreatedAtUtc, p.Id";

        public const string NewProjectsAll = NewProjectsSelect + NewProjectsFrom + " ORDER BY " + NewProjectsOrder + " " + SqlText.Paging;

        public const string NewProjectsAllCount = "SELECT COUNT(*) " + NewProjectsFrom;

        public const string NewProjectsByOwner =
            "SELECT x.OwnerUserId, x.Total, x.Code, x.Title, x.EnterpriseName, x.Stage, x.OwnerName, x.PlannedInvestmentWan FROM (\n" +
            NewProjectsSelect + Numbered + NewProjectsOrder + ") AS Position\n" + NewProjectsFrom + "\n" + FirstPerOwner;

        public const string NewProjectsFollowed = NewProjectsSelect + NewProjectsFrom + MineOrFollowed + " ORDER BY " + NewProjectsOrder + " " + SqlText.Paging;

        public const string NewProjectsFollowedCount = "SELECT COUNT(*) " + NewProjectsFrom + MineOrFollowed;

        // Signed in the week (Domain/Projects/Signings: by signing date, whatever the stage now).
        private const string SigningsSelect = "SELECT p.Code, p.Title, e.Name AS EnterpriseName, p.SignedOn, " + Signings.InvestmentWan + " AS InvestmentWan ";

        private const string SigningsFrom = """
            FROM Projects p
            JOIN Enterprises e ON e.Id = p.EnterpriseId
            WHERE
            """ + Signings.InPeriod;

        private const string SigningsOrder = "p.SignedOn, p.Id";

        public const string SigningsAll = SigningsSelect + SigningsFrom + " ORDER BY " + SigningsOrder + " " + SqlText.Paging;

        public const string SigningsAllCount = "SELECT COUNT(*) " + SigningsFrom;

        public const string SigningsAllSum = "SELECT SUM(" + Signings.InvestmentWan + ") " + SigningsFrom;

        public const string SigningsByOwner =
            "SELECT x.OwnerUserId, x.Total, x.Code, x.Title, x.EnterpriseName, x.SignedOn, x.InvestmentWan FROM (\n" +
            SigningsSelect + Numbered + SigningsOrder + ") AS Position\n" + SigningsFrom + "\n" + FirstPerOwner;

        public const string SigningsSumByOwner = "SELECT p.OwnerUserId, SUM(" + Signings.InvestmentWan + ") AS Wan " + SigningsFrom + "\nGROUP BY p.OwnerUserId";

        // Open next steps of projects not parked (on hold or lost), as on the dashboard and my tasks: overdue when
        // due before the end of the week, "this week" when due in the week the digest arrives.
        private const string FollowUpSelect = "SELECT p.Code, p.Title, COALESCE(a.NextStep, a.Summary) AS NextStep, a.NextStepDueOn AS DueOn, o.DisplayName AS OwnerName ";

        private const string FollowUpColumns = "SELECT x.OwnerUserId, x.Total, x.Code, x.Title, x.NextStep, x.DueOn, x.OwnerName FROM (\n";

        private const string FollowUpFrom = """
            FROM Activities a
            JOIN Projects p ON p.Id = a.ProjectId
            JOIN Users o ON o.Id = p.OwnerUserId
            WHERE a.NextStepDoneAtUtc IS NULL AND p.Stage NOT IN
            """ + ProjectStages.ParkedList;

        private const string OverdueWhere = " AND a.NextStepDueOn IS NOT NULL AND a.NextStepDueOn < @NextMonday";

        private const string DueNextWeekWhere = " AND a.NextStepDueOn >= @NextMonday AND a.NextStepDueOn < @FollowingMonday";

        private const string FollowUpOrder = "a.NextStepDueOn, a.Id";

        public const string OverdueAll = FollowUpSelect + FollowUpFrom + OverdueWhere + " ORDER BY " + FollowUpOrder + " " + SqlText.Paging;

        public const string OverdueAllCount = "SELECT COUNT(*) " + FollowUpFrom + OverdueWhere;

        public const string OverdueByOwner =
            FollowUpColumns + FollowUpSelect + Numbered + FollowUpOrder + ") AS Position\n" + FollowUpFrom + OverdueWhere + "\n" + FirstPerOwner;

        public const string DueNextWeekAll = FollowUpSelect + FollowUpFrom + DueNextWeekWhere + " ORDER BY " + FollowUpOrder + " " + SqlText.Paging;

        public const string DueNextWeekAllCount = "SELECT COUNT(*) " + FollowUpFrom + DueNextWeekWhere;

        public const string DueNextWeekByOwner =
            FollowUpColumns + FollowUpSelect + Numbered + FollowUpOrder + ") AS Position\n" + FollowUpFrom + DueNextWeekWhere + "\n" + FirstPerOwner;

        // Red and yellow (三色预警, Domain/Projects/ProjectHealth) as of the end of the week.
        private const string StaleSelect = "SELECT p.Code, p.Title, o.DisplayName AS OwnerName, p.LastActivityOn, p.CreatedAtUtc, " + ProjectHealth.OverdueMatterColumn + " ";

        private const string StaleColumns = "SELECT x.OwnerUserId, x.Total, x.Code, x.Title, x.OwnerName, x.LastActivityOn, x.CreatedAtUtc, x.HasOverdueMatter FROM (\n";

        private const string StaleFrom = "FROM Projects p\nJOIN Users o ON o.Id = p.OwnerUserId\nWHERE ";

        private const string StaleOrder = " ORDER BY " + LastActivity.QuietestFirst + " " + SqlText.Paging;

        public const string RedAll = StaleSelect + StaleFrom + ProjectHealth.RedFilter + StaleOrder;

        public const string RedAllCount = "SELECT COUNT(*) " + StaleFrom + ProjectHealth.RedFilter;

        public const string RedByOwner =
            StaleColumns + StaleSelect + Numbered + LastActivity.QuietestFirst + ") AS Position\n" + StaleFrom + ProjectHealth.RedFilter + "\n" + FirstPerOwner;

        public const string YellowAll = StaleSelect + StaleFrom + ProjectHealth.YellowFilter + StaleOrder;

        public const string YellowAllCount = "SELECT COUNT(*) " + StaleFrom + ProjectHealth.YellowFilter;

        public const string YellowByOwner =
            StaleColumns + StaleSelect + Numbered + LastActivity.QuietestFirst + ") AS Position\n" + StaleFrom + ProjectHealth.YellowFilter + "\n" + FirstPerOwner;
    }
}
