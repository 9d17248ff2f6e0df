using InvestmentCrm.Web.Data;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Email;

/// <summary>
/// Collects what one person's digest says about one ISO week, straight from the project tables: staff see the
/// projects they own (plus new projects on the chains they follow), leaders and administrators every project,
/// the year's signed investment against target per team and the gaps of the chains they follow (all if none).
/// </summary>
public sealed class DigestBuilder(
    IDb db,
    IConfiguration configuration,
    IOptions<AppOptions> appOptions,
    IOptions<EmailOptions> emailOptions,
    IGapDigestSource? gaps = null)
{
    /// <summary>Stages in which a project still needs follow-ups (red/yellow applies).</summary>
    public static readonly IReadOnlyList<string> ActiveStages = ["lead", "contacted", "site_visit", "negotiation", "signed", "started"];

    public int YellowAfterDays => configuration.GetValue("Projects:YellowAfterDays", 30);

    public int RedAfterDays => configuration.GetValue("Projects:RedAfterDays", 60);

    public bool HasGapSource => gaps is not null;

    /// <summary>The week as UTC instants [from, to), its days being the app's time zone days.</summary>
    public (DateTime FromUtc, DateTime ToUtc) UtcRange(IsoWeekId week)
    {
        var zone = appOptions.Value.FindTimeZone();
        return (ToUtc(week.Monday, zone), ToUtc(week.NextMonday, zone));
    }

    private static DateTime ToUtc(DateOnly day, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), zone);

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
        var p = new Filter
        {
            UserId = recipient.UserId,
            AllProjects = recipient.SeesAll ? 1 : 0,
            FromUtc = fromUtc,
            ToUtc = toUtc,
            Monday = week.Monday,
            NextMonday = week.NextMonday,
            FollowingMonday = week.NextMonday.AddDays(7),
            YellowBefore = week.NextMonday.AddDays(-YellowAfterDays),
            YellowBeforeUtc = ToUtc(week.NextMonday.AddDays(-YellowAfterDays), appOptions.Value.FindTimeZone()),
            Skip = 0,
            Take = take,
        };

        var content = new DigestContent
        {
            Recipient = recipient,
            Week = week,
            StageChanges = await SectionAsync<StageChangeItem>(Sql.StageChanges, Sql.StageChangesCount, p, ct),
            NewProjects = await SectionAsync<NewProjectItem>(Sql.NewProjects, Sql.NewProjectsCount, p, ct),
            Signings = await SectionAsync<SigningItem>(Sql.Signings, Sql.SigningsCount, p, ct),
            SignedInvestmentWan = await db.ExecuteScalarAsync<decimal?>(Sql.SigningsSum, p, ct) ?? 0m,
            Overdue = await SectionAsync<FollowUpItem>(Sql.Overdue, Sql.OverdueCount, p, ct),
            DueThisWeek = await SectionAsync<FollowUpItem>(Sql.DueNextWeek, Sql.DueNextWeekCount, p, ct),
        };

        (content.RedProjects, content.YellowProjects) = await StaleAsync(p, week, take, ct);
        if (recipient.SeesAll)
        {
            content.Targets = await TargetsAsync(week, ct);
            content.Gaps = await GapsAsync(recipient, week, ct);
        }

        return content;
    }

    /// <summary>The chain-gap PDF for a leader's digest, when configured and a PDF source is present.</summary>
    public async Task<EmailAttachment?> GapPdfAsync(DigestRecipient recipient, CancellationToken ct)
    {
        if (!recipient.SeesAll || gaps is null || !emailOptions.Value.Digest.AttachChainGapPdf)
        {
            return null;
        }

        var chains = await ChainsOfAsync(recipient, ct);
        return chains.Count == 0 ? null : await gaps.SummaryPdfAsync([.. chains.Select(c => c.Code)], recipient.Culture, ct);
    }

    private async Task<DigestSection<T>> SectionAsync<T>(string rowsSql, string countSql, Filter filter, CancellationToken ct)
    {
        var total = await db.ExecuteScalarAsync<int>(countSql, filter, ct);
        return total == 0 ? DigestSection<T>.Empty : new DigestSection<T>(await db.QueryAsync<T>(rowsSql, filter, ct), total);
    }

    private async Task<(DigestSection<StaleProjectItem> Red, DigestSection<StaleProjectItem> Yellow)> StaleAsync(Filter filter, IsoWeekId week, int take, CancellationToken ct)
    {
        // Only projects idle for at least the yellow threshold come back; red and yellow are told apart here.
        var zone = appOptions.Value.FindTimeZone();
        var rows = await db.QueryAsync<StaleProjectItem>(Sql.Stale, filter, ct);
        var asOf = week.NextMonday;
        foreach (var row in rows)
        {
            var last = row.LastActivityOn ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(row.CreatedAtUtc, zone));
            row.IdleDays = asOf.DayNumber - last.DayNumber;
            row.IsRed = row.IdleDays >= RedAfterDays;
        }

        var red = rows.Where(r => r.IsRed).OrderByDescending(r => r.IdleDays).ToList();
        var yellow = rows.Where(r => !r.IsRed && r.IdleDays >= YellowAfterDays).OrderByDescending(r => r.IdleDays).ToList();
        return (new DigestSection<StaleProjectItem>([.. red.Take(take)], red.Count), new DigestSection<StaleProjectItem>([.. yellow.Take(take)], yellow.Count));
    }

    private async Task<IReadOnlyList<TargetItem>> TargetsAsync(IsoWeekId week, CancellationToken ct)
    {
        // "This year" is the year of the week's last day.
        var year = week.NextMonday.AddDays(-1).Year;
        var args = new { Year = year, YearStart = new DateOnly(year, 1, 1), NextMonday = week.NextMonday };
        var bureau = new TargetItem
        {
            TargetWan = await db.ExecuteScalarAsync<decimal?>(Sql.BureauTarget, args, ct),
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

        public int AllProjects { get; init; }

        public DateTime FromUtc { get; init; }

        public DateTime ToUtc { get; init; }

        public DateOnly Monday { get; init; }

        public DateOnly NextMonday { get; init; }

        public DateOnly FollowingMonday { get; init; }

        public DateOnly YellowBefore { get; init; }

        public DateTime YellowBeforeUtc { get; init; }

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

        // The projects a recipient sees: their own, or all of them for leaders.
        private const string Mine = "(@AllProjects = 1 OR p.OwnerUserId = @UserId)";

        private const string StageChangesWhere = """
            FROM ProjectStageChanges c
            JOIN Projects p ON p.Id = c.ProjectId
            WHERE c.FromStage IS NOT NULL AND c.ChangedAtUtc >= @FromUtc AND c.ChangedAtUtc < @ToUtc AND
            """ + Mine;

        public const string StageChanges = "SELECT p.Code, p.Title, c.FromStage, c.ToStage, c.ChangedAtUtc " + StageChangesWhere +
            " ORDER BY c.ChangedAtUtc, c.Id " + SqlText.Paging;

        public const string StageChangesCount = "SELECT COUNT(*) " + StageChangesWhere;

        // New projects: one's own, plus (for staff) those targeting a chain one follows.
        private const string NewProjectsWhere = """
            FROM Projects p
            JOIN Enterprises e ON e.Id = p.EnterpriseId
            JOIN Users o ON o.Id = p.OwnerUserId
            WHERE p.CreatedAtUtc >= @FromUtc AND p.CreatedAtUtc < @ToUtc
              AND (@AllProjects = 1 OR p.OwnerUserId = @UserId OR EXISTS (
                    SELECT 1 FROM ProjectNodes pn
                    JOIN ChainNodes cn ON cn.Id = pn.NodeId
                    JOIN UserFollowedChains f ON f.ChainId = cn.ChainId
                    WHERE pn.ProjectId = p.Id AND f.UserId = @UserId))
            """;

        public const string NewProjects = "SELECT p.Code, p.Title, e.Name AS EnterpriseName, p.Stage, o.DisplayName AS OwnerName, p.PlannedInvestmentWan " +
            NewProjectsWhere + " ORDER BY p.CreatedAtUtc, p.Id " + SqlText.Paging;

        public const string NewProjectsCount = "SELECT COUNT(*) " + NewProjectsWhere;

        private const string SigningsWhere = """
            FROM Projects p
            JOIN Enterprises e ON e.Id = p.EnterpriseId
            WHERE p.SignedOn >= @Monday AND p.SignedOn < @NextMonday AND
            """ + Mine;

        public const string Signings = "SELECT p.Code, p.Title, e.Name AS EnterpriseName, p.SignedOn, COALESCE(p.ContractedInvestmentWan, p.PlannedInvestmentWan) AS InvestmentWan " +
            SigningsWhere + " ORDER BY p.SignedOn, p.Id " + SqlText.Paging;

        public const string SigningsCount = "SELECT COUNT(*) " + SigningsWhere;

        public const string SigningsSum = "SELECT SUM(COALESCE(p.ContractedInvestmentWan, p.PlannedInvestmentWan)) " + SigningsWhere;

        // Open next steps of projects not lost: overdue when due before the end of the week, "this week" when due
        // in the week the digest arrives.
        private const string FollowUpFrom = """
            FROM Activities a
            JOIN Projects p ON p.Id = a.ProjectId
            JOIN Users o ON o.Id = p.OwnerUserId
            WHERE a.NextStepDueOn IS NOT NULL AND a.NextStepDoneAtUtc IS NULL AND p.Stage <> 'lost' AND
            """ + Mine;

        private const string FollowUpColumns = "SELECT p.Code, p.Title, COALESCE(a.NextStep, a.Summary) AS NextStep, a.NextStepDueOn AS DueOn, o.DisplayName AS OwnerName ";

        public const string Overdue = FollowUpColumns + FollowUpFrom + " AND a.NextStepDueOn < @NextMonday ORDER BY a.NextStepDueOn, a.Id " + SqlText.Paging;

        public const string OverdueCount = "SELECT COUNT(*) " + FollowUpFrom + " AND a.NextStepDueOn < @NextMonday";

        public const string DueNextWeek = FollowUpColumns + FollowUpFrom +
            " AND a.NextStepDueOn >= @NextMonday AND a.NextStepDueOn < @FollowingMonday ORDER BY a.NextStepDueOn, a.Id " + SqlText.Paging;

        public const string DueNextWeekCount = "SELECT COUNT(*) " + FollowUpFrom + " AND a.NextStepDueOn >= @NextMonday AND a.NextStepDueOn < @FollowingMonday";

        public const string Stale = """
            SELECT p.Code, p.Title, o.DisplayName AS OwnerName, p.LastActivityOn, p.CreatedAtUtc
            FROM Projects p
            JOIN Users o ON o.Id = p.OwnerUserId
            WHERE p.Stage IN ('lead', 'contacted', 'site_visit', 'negotiation', 'signed', 'started')
              AND (p.LastActivityOn < @YellowBefore OR (p.LastActivityOn IS NULL AND p.CreatedAtUtc < @YellowBeforeUtc))
              AND (@AllProjects = 1 OR p.OwnerUserId = @UserId)
            """;

        public const string BureauTarget = "SELECT TargetWan FROM TeamTargets WHERE Year = @Year AND TeamId IS NULL";

        public const string BureauSigned = """
            SELECT SUM(COALESCE(p.ContractedInvestmentWan, p.PlannedInvestmentWan)) FROM Projects p
            WHERE p.SignedOn >= @YearStart AND p.SignedOn < @NextMonday
            """;

        public const string TeamTargets = """
            SELECT t.Id AS TeamId, t.Name AS TeamName, tt.TargetWan,
                   COALESCE((SELECT SUM(COALESCE(p.ContractedInvestmentWan, p.PlannedInvestmentWan)) FROM Projects p
                             WHERE p.TeamId = t.Id AND p.SignedOn >= @YearStart AND p.SignedOn < @NextMonday), 0) AS SignedWan
            FROM Teams t
            LEFT JOIN TeamTargets tt ON tt.TeamId = t.Id AND tt.Year = @Year
            ORDER BY t.Name
            """;
    }
}
