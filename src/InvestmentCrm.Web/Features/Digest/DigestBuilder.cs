using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Dashboard;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Mail;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Digest;

/// <summary>
/// Collects what one person's digest says about one ISO week, straight from the project tables: staff see the
/// projects they own (plus their team's new projects on the chains they follow), leaders and administrators every project,
/// the year's signed investment against target per team and the gaps of the chains they follow (all if none).
/// </summary>
public sealed class DigestBuilder(
    IDb db,
    IOptions<AppOptions> appOptions,
    IOptions<EmailOptions> emailOptions,
    IOptions<ProjectOptions> projectOptions,
    IGapDigestSource? gaps = null)
{
    public bool HasGapSource => gaps is not null;

    /// <summary>The week as UTC instants [from, to), its days being the app's time zone days.</summary>
    public (DateTime FromUtc, DateTime ToUtc) UtcRange(IsoWeekId week)
    {
        var zone = appOptions.Value.FindTimeZone();
        return (LocalTime.StartUtc(week.Monday, zone), LocalTime.StartUtc(week.NextMonday, zone));
    }

    public async Task<IReadOnlyList<DigestRecipient>> RecipientsAsync(CancellationToken ct)
    {
        var recipients = await db.QueryAsync<DigestRecipient>(Sql.Recipients, ct: ct);
        var follows = (await db.QueryAsync<FollowRow>(Sql.Follows, ct: ct)).ToLookup(f => f.UserId, f => f.ChainId);
        foreach (var recipient in recipients)
        {
            recipient.FollowedChainIds = [.. follows[recipient.UserId]];
        }

        return recipients;
    }

    public async Task<DigestContent> BuildAsync(DigestRecipient recipient, IsoWeekId week, CancellationToken ct)
    {
        var take = Math.Max(1, emailOptions.Value.Digest.MaxRowsPerSection);
        var (fromUtc, toUtc) = UtcRange(week);
        // Days idle are counted to the end of the week, the Monday the digest goes out.
        var quiet = QuietCutoffs.On(week.NextMonday, projectOptions.Value, appOptions.Value.FindTimeZone());
        var p = new Filter
        {
            UserId = recipient.UserId,
            FromUtc = fromUtc,
            ToUtc = toUtc,
            SignedFrom = week.Monday,
            SignedBefore = week.NextMonday,
            NextMonday = week.NextMonday,
            FollowingMonday = week.NextMonday.AddDays(7),
            YellowOn = quiet.YellowOn,
            YellowEndUtc = quiet.YellowEndUtc,
            RedOn = quiet.RedOn,
            RedEndUtc = quiet.RedEndUtc,
            Skip = 0,
            Take = take,
        };

        // Staff queries filter on the owner (IX_Projects_Owner); leaders' on the week's range. One "either" query
        // with (@All = 1 OR owner = @UserId) would scan every project for every recipient.
        var all = recipient.SeesAll;
        var content = new DigestContent
        {
            Recipient = recipient,
            Week = week,
            StageChanges = await SectionAsync<StageChangeItem>(all ? Sql.StageChangesAll : Sql.StageChangesMine, all ? Sql.StageChangesAllCount : Sql.StageChangesMineCount, p, ct),
            // A followed chain brings its new projects, but only those the recipient may see.
            NewProjects = await SectionAsync<NewProjectItem>(all ? Sql.NewProjectsAll : Sql.NewProjectsMine, all ? Sql.NewProjectsAllCount : Sql.NewProjectsMineCount,
                ProjectScope.ForReader(recipient.UserId, recipient.TeamId, all).AddTo(p), ct),
            Signings = await SectionAsync<SigningItem>(all ? Sql.SigningsAll : Sql.SigningsMine, all ? Sql.SigningsAllCount : Sql.SigningsMineCount, p, ct),
            SignedInvestmentWan = await db.ExecuteScalarAsync<decimal?>(all ? Sql.SigningsAllSum : Sql.SigningsMineSum, p, ct) ?? 0m,
            Overdue = await SectionAsync<FollowUpItem>(all ? Sql.OverdueAll : Sql.OverdueMine, all ? Sql.OverdueAllCount : Sql.OverdueMineCount, p, ct),
            DueThisWeek = await SectionAsync<FollowUpItem>(all ? Sql.DueNextWeekAll : Sql.DueNextWeekMine, all ? Sql.DueNextWeekAllCount : Sql.DueNextWeekMineCount, p, ct),
            RedProjects = await StaleAsync(all ? Sql.RedAll : Sql.RedMine, all ? Sql.RedAllCount : Sql.RedMineCount, p, week, ct),
            YellowProjects = await StaleAsync(all ? Sql.YellowAll : Sql.YellowMine, all ? Sql.YellowAllCount : Sql.YellowMineCount, p, week, ct),
        };

        if (recipient.SeesAll)
        {
            content.Targets = await TargetsAsync(week, ct);
            content.Gaps = await GapsAsync(recipient, week, ct);
        }

        return content;
    }

    /// <summary>
    /// The chain-gap PDFs for a leader's digest (one per chain followed, all chains if none), when configured and a
    /// PDF source is present. <paramref name="cache"/> shares them between leaders of the same language in a run.
    /// </summary>
    public async Task<IReadOnlyList<EmailAttachment>> GapPdfsAsync(DigestRecipient recipient, IDictionary<string, EmailAttachment?> cache, CancellationToken ct)
    {
        // The report names every team's projects: for Leaders and Admins only (Reports/ReportAccess).
        if (!recipient.SeesAll || gaps is null || !emailOptions.Value.Digest.AttachChainGapPdf)
        {
            return [];
        }

        var result = new List<EmailAttachment>();
        foreach (var chain in await ChainsOfAsync(recipient, ct))
        {
            var key = recipient.Culture + ":" + chain.Code;
            if (!cache.TryGetValue(key, out var pdf))
            {
                pdf = await gaps.ChainPdfAsync(chain.Code, recipient.Culture, ct);
                cache[key] = pdf;
            }

            if (pdf is not null)
            {
                result.Add(pdf);
            }
        }

        return result;
    }

    /// <summary>Keeps the gaps as they are now as next week's baseline (when the gap analyser is present).</summary>
    public Task RecordGapBaselineAsync(CancellationToken ct) => gaps?.RecordBaselineAsync(ct) ?? Task.CompletedTask;

    private async Task<DigestSection<T>> SectionAsync<T>(string rowsSql, string countSql, object filter, CancellationToken ct)
    {
        var total = await db.ExecuteScalarAsync<int>(countSql, filter, ct);
        return total == 0 ? DigestSection<T>.Empty : new DigestSection<T>(await db.QueryAsync<T>(rowsSql, filter, ct), total);
    }

    /// <summary>Red or yellow projects, longest idle first; days idle are counted to the end of the week.</summary>
    private async Task<DigestSection<StaleProjectItem>> StaleAsync(string rowsSql, string countSql, Filter filter, IsoWeekId week, CancellationToken ct)
    {
        var section = await SectionAsync<StaleProjectItem>(rowsSql, countSql, filter, ct);
        var zone = appOptions.Value.FindTimeZone();
        foreach (var row in section.Rows)
        {
            var last = LastActivity.Of(row.LastActivityOn, row.CreatedAtUtc, zone);
            row.IdleDays = week.NextMonday.DayNumber - last.DayNumber;
            row.IsRed = row.IdleDays >= projectOptions.Value.RedDays;
        }

        return section;
    }

    private async Task<IReadOnlyList<TargetItem>> TargetsAsync(IsoWeekId week, CancellationToken ct)
    {
        // "This year" is the year of the week's last day, up to the end of the week.
        var period = SigningPeriod.YearUntil(week.NextMonday);
        var year = period.SignedFrom.Year;
        var args = new { Year = year, period.SignedFrom, period.SignedBefore };
        var bureau = new TargetItem
        {
            TargetWan = await SigningTargets.BureauAsync(db, year, ct),
            SignedWan = await db.ExecuteScalarAsync<decimal?>(Sql.BureauSigned, args, ct) ?? 0m,
        };
        var teams = await db.QueryAsync<TargetItem>(Sql.TeamTargets, args, ct);
        return [bureau, .. teams.Where(t => t.TargetWan is not null || t.SignedWan != 0m)];
    }

    private async Task<IReadOnlyList<ChainGapDigest>> GapsAsync(DigestRecipient recipient, IsoWeekId week, CancellationToken ct)
    {
        if (gaps is null)
        {
            return [];
        }

        var result = new List<ChainGapDigest>();
        foreach (var chain in await ChainsOfAsync(recipient, ct))
        {
            if (await gaps.ChainAsync(chain.Code, week, top: 5, ct) is { } digest)
            {
                result.Add(digest);
            }
        }

        return result;
    }

    private async Task<IReadOnlyList<ChainRow>> ChainsOfAsync(DigestRecipient recipient, CancellationToken ct)
    {
        var chains = await db.QueryAsync<ChainRow>(Sql.Chains, ct: ct);
        return recipient.FollowedChainIds.Count == 0 ? chains : [.. chains.Where(c => recipient.FollowedChainIds.Contains(c.Id))];
    }

    private sealed record FollowRow(long UserId, long ChainId);

    private sealed record ChainRow(long Id, string Code);

    private sealed class Filter
    {
        public long UserId { get; init; }

        public DateTime FromUtc { get; init; }

        public DateTime ToUtc { get; init; }

        public DateOnly SignedFrom { get; init; }

        public DateOnly SignedBefore { get; init; }

        public DateOnly NextMonday { get; init; }

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
        public const string Recipients = """
            SELECT u.Id AS UserId, u.Email, u.DisplayName, u.Culture, u.TeamId,
                   CASE WHEN EXISTS (SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId
                                     WHERE ur.UserId = u.Id AND r.NormalizedName IN ('ADMIN', 'LEADER')) THEN 1 ELSE 0 END AS SeesAll
            FROM Users u
            LEFT JOIN UserEmailPreferences pr ON pr.UserId = u.Id
            WHERE u.IsDisabled = 0 AND (pr.DigestEnabled IS NULL OR pr.DigestEnabled = 1)
            ORDER BY u.Id
            """;

        public const string Follows = "SELECT UserId, ChainId FROM UserFollowedChains";

        public const string Chains = "SELECT Id, Code FROM Chains ORDER BY Code";

        // Each list comes in two scopes: Mine (the recipient owns the project) and All (leaders, administrators).
        private const string Mine = " AND p.OwnerUserId = @UserId";

        private const string StageChangesSelect = "SELECT p.Code, p.Title, c.FromStage, c.ToStage, c.ChangedAtUtc ";

        private const string StageChangesFrom = """
            FROM ProjectStageChanges c
            JOIN Projects p ON p.Id = c.ProjectId
            WHERE c.FromStage IS NOT NULL AND c.ChangedAtUtc >= @FromUtc AND c.ChangedAtUtc < @ToUtc
            """;

        private const string StageChangesOrder = " ORDER BY c.ChangedAtUtc, c.Id " + SqlText.Paging;

        public const string StageChangesAll = StageChangesSelect + StageChangesFrom + StageChangesOrder;

        public const string StageChangesMine = StageChangesSelect + StageChangesFrom + Mine + StageChangesOrder;

        public const string StageChangesAllCount = "SELECT COUNT(*) " + StageChangesFrom;

        public const string StageChangesMineCount = "SELECT COUNT(*) " + StageChangesFrom + Mine;

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

        private const string NewProjectsOrder = " ORDER BY p.CreatedAtUtc, p.Id " + SqlText.Paging;

        public const string NewProjectsAll = NewProjectsSelect + NewProjectsFrom + NewProjectsOrder;

        public const string NewProjectsMine = NewProjectsSelect + NewProjectsFrom + MineOrFollowed + NewProjectsOrder;

        public const string NewProjectsAllCount = "SELECT COUNT(*) " + NewProjectsFrom;

        public const string NewProjectsMineCount = "SELECT COUNT(*) " + NewProjectsFrom + MineOrFollowed;

        // Signed in the week (Domain/Projects/Signings: by signing date, whatever the stage now).
        private const string SigningsSelect = "SELECT p.Code, p.Title, e.Name AS EnterpriseName, p.SignedOn, " + Signings.InvestmentWan + " AS InvestmentWan ";

        private const string SigningsFrom = """
            FROM Projects p
            JOIN Enterprises e ON e.Id = p.EnterpriseId
            WHERE
            """ + Signings.InPeriod;

        private const string SigningsOrder = " ORDER BY p.SignedOn, p.Id " + SqlText.Paging;

        private const string SigningsSum = "SELECT SUM(" + Signings.InvestmentWan + ") ";

        public const string SigningsAll = SigningsSelect + SigningsFrom + SigningsOrder;

        public const string SigningsMine = SigningsSelect + SigningsFrom + Mine + SigningsOrder;

        public const string SigningsAllCount = "SELECT COUNT(*) " + SigningsFrom;

        public const string SigningsMineCount = "SELECT COUNT(*) " + SigningsFrom + Mine;

        public const string SigningsAllSum = SigningsSum + SigningsFrom;

        public const string SigningsMineSum = SigningsSum + SigningsFrom + Mine;

        // Open next steps of projects not parked (on hold or lost), as on the dashboard and my tasks: overdue when
        // due before the end of the week, "this week" when due in the week the digest arrives.
        private const string FollowUpSelect = "SELECT p.Code, p.Title, COALESCE(a.NextStep, a.Summary) AS NextStep, a.NextStepDueOn AS DueOn, o.DisplayName AS OwnerName ";

        private const string FollowUpFrom = """
            FROM Activities a
            JOIN Projects p ON p.Id = a.ProjectId
            JOIN Users o ON o.Id = p.OwnerUserId
            WHERE a.NextStepDoneAtUtc IS NULL AND p.Stage NOT IN
            """ + ProjectStages.ParkedList;

        private const string OverdueWhere = " AND a.NextStepDueOn IS NOT NULL AND a.NextStepDueOn < @NextMonday";

        private const string DueNextWeekWhere = " AND a.NextStepDueOn >= @NextMonday AND a.NextStepDueOn < @FollowingMonday";

        private const string FollowUpOrder = " ORDER BY a.NextStepDueOn, a.Id " + SqlText.Paging;

        public const string OverdueAll = FollowUpSelect + FollowUpFrom + OverdueWhere + FollowUpOrder;

        public const string OverdueMine = FollowUpSelect + FollowUpFrom + OverdueWhere + Mine + FollowUpOrder;

        public const string OverdueAllCount = "SELECT COUNT(*) " + FollowUpFrom + OverdueWhere;

        public const string OverdueMineCount = "SELECT COUNT(*) " + FollowUpFrom + OverdueWhere + Mine;

        public const string DueNextWeekAll = FollowUpSelect + FollowUpFrom + DueNextWeekWhere + FollowUpOrder;

        public const string DueNextWeekMine = FollowUpSelect + FollowUpFrom + DueNextWeekWhere + Mine + FollowUpOrder;

        public const string DueNextWeekAllCount = "SELECT COUNT(*) " + FollowUpFrom + DueNextWeekWhere;

        public const string DueNextWeekMineCount = "SELECT COUNT(*) " + FollowUpFrom + DueNextWeekWhere + Mine;

        // Red and yellow (三色预警, Domain/Projects/ProjectHealth) as of the end of the week.
        private const string StaleSelect = "SELECT p.Code, p.Title, o.DisplayName AS OwnerName, p.LastActivityOn, p.CreatedAtUtc ";

        private const string StaleFrom = "FROM Projects p\nJOIN Users o ON o.Id = p.OwnerUserId\nWHERE ";

        private const string RedWhere = ProjectHealth.RedFilter;

        private const string YellowWhere = ProjectHealth.YellowFilter;

        private const string StaleOrder = " ORDER BY " + LastActivity.QuietestFirst + " " + SqlText.Paging;

        public const string RedAll = StaleSelect + StaleFrom + RedWhere + StaleOrder;

        public const string RedMine = StaleSelect + StaleFrom + RedWhere + Mine + StaleOrder;

        public const string RedAllCount = "SELECT COUNT(*) " + StaleFrom + RedWhere;

        public const string RedMineCount = "SELECT COUNT(*) " + StaleFrom + RedWhere + Mine;

        public const string YellowAll = StaleSelect + StaleFrom + YellowWhere + StaleOrder;

        public const string YellowMine = StaleSelect + StaleFrom + YellowWhere + Mine + StaleOrder;

        public const string YellowAllCount = "SELECT COUNT(*) " + StaleFrom + YellowWhere;

        public const string YellowMineCount = "SELECT COUNT(*) " + StaleFrom + YellowWhere + Mine;

        public const string BureauSigned = "SELECT SUM(" + Signings.InvestmentWan + ") FROM Projects p WHERE " + Signings.InPeriod;

        public const string TeamTargets = """
            SELECT t.Id AS TeamId, t.Name AS TeamName, tt.TargetWan,
                   COALESCE((SELECT SUM(
            """ + Signings.InvestmentWan + ") FROM Projects p WHERE p.TeamId = t.Id AND " + Signings.InPeriod + """
            ), 0) AS SignedWan
            FROM Teams t
            LEFT JOIN TeamTargets tt ON tt.TeamId = t.Id AND tt.Year = @Year
            ORDER BY t.Name
            """;
    }
}
