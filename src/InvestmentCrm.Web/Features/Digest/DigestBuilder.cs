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
        var chiefs = (await db.QueryAsync<FollowRow>(Sql.Chiefs, ct: ct)).ToLookup(f => f.UserId, f => f.ChainId);
        foreach (var recipient in recipients)
        {
            recipient.FollowedChainIds = [.. follows[recipient.UserId]];
            recipient.ChiefOfChainIds = [.. chiefs[recipient.UserId]];
        }

        return recipients;
    }

    /// <summary>One digest on its own (a run builds many with one <see cref="DigestRun"/>).</summary>
    public Task<DigestContent> BuildAsync(DigestRecipient recipient, IsoWeekId week, CancellationToken ct) =>
        BuildAsync(recipient, new DigestRun(week), ct);

    /// <summary>
    /// One recipient's digest of the run's week. What is the same for several recipients is read once per run and
    /// shared: every project's sections and the targets (every Leader and Admin), and each staff member's own
    /// sections, read for all recipients of the run at once (<see cref="DigestRun"/>).
    /// </summary>
    public async Task<DigestContent> BuildAsync(DigestRecipient recipient, DigestRun run, CancellationToken ct)
    {
        var week = run.Week;
        var filter = run.Filter ??= NewFilter(week);
        var sections = recipient.SeesAll
            ? run.Everything ??= await DigestSections.EverythingAsync(db, filter, appOptions.Value.FindTimeZone(), projectOptions.Value, ct)
            : await DigestSections.MineAsync(db, filter, recipient, run, appOptions.Value.FindTimeZone(), projectOptions.Value, ct);
        var content = new DigestContent
        {
            Recipient = recipient,
            Week = week,
            StageChanges = sections.StageChanges,
            NewProjects = sections.NewProjects,
            Signings = sections.Signings,
            SignedInvestmentWan = sections.SignedInvestmentWan,
            Overdue = sections.Overdue,
            DueThisWeek = sections.DueThisWeek,
            RedProjects = sections.Red,
            YellowProjects = sections.Yellow,
            OverdueMatters = sections.OverdueMatters,
        };

        if (recipient.SeesAll)
        {
            content.Targets = run.Targets ??= await TargetsAsync(week, ct);
            content.Gaps = await GapsAsync(recipient, week, ct);
        }

        return content;
    }

    private DigestSections.Filter NewFilter(IsoWeekId week)
    {
        var (fromUtc, toUtc) = UtcRange(week);
        // Days idle are counted to the end of the week, the Monday the digest goes out.
        var quiet = QuietCutoffs.On(week.NextMonday, projectOptions.Value, appOptions.Value.FindTimeZone());
        return new DigestSections.Filter
        {
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
            MattersDueBefore = quiet.MattersDueBefore,
            Skip = 0,
            Take = Math.Max(1, emailOptions.Value.Digest.MaxRowsPerSection),
        };
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

    /// <summary>
    /// The bureau's monthly dispatch reports (月度调度报告) the job stored during the week, in the recipient's language,
    /// for a Leader's or Admin's digest of that week (a leadership document, Reports/ReportAccess). <paramref name="cache"/>
    /// shares them between leaders of the same language in a run.
    /// </summary>
    public async Task<IReadOnlyList<EmailAttachment>> DispatchPdfsAsync(
        DigestRecipient recipient, IsoWeekId week, IDictionary<string, IReadOnlyList<EmailAttachment>> cache, CancellationToken ct)
    {
        if (!recipient.SeesAll)
        {
            return [];
        }

        if (!cache.TryGetValue(recipient.Culture, out var pdfs))
        {
            var (fromUtc, toUtc) = UtcRange(week);
            pdfs = await Reports.Dispatch.DispatchReports.StoredAsync(db, fromUtc, toUtc, recipient.Culture, ct);
            cache[recipient.Culture] = pdfs;
        }

        return pdfs;
    }

    /// <summary>Keeps the gaps as they are now as next week's baseline (when the gap analyser is present).</summary>
    public Task RecordGapBaselineAsync(CancellationToken ct) => gaps?.RecordBaselineAsync(ct) ?? Task.CompletedTask;

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
                result.Add(digest with { LedByRecipient = recipient.ChiefOfChainIds.Contains(chain.Id) });
            }
        }

        return result;
    }

    /// <summary>The chains a leader's digest covers: those they are chief of first, then those they follow (all if none).</summary>
    private async Task<IReadOnlyList<ChainRow>> ChainsOfAsync(DigestRecipient recipient, CancellationToken ct)
    {
        var chains = await db.QueryAsync<ChainRow>(Sql.Chains, ct: ct);
        var followed = recipient.FollowedChainIds.Count == 0 ? chains : [.. chains.Where(c => recipient.FollowedChainIds.Contains(c.Id))];
        return [.. chains.Where(c => recipient.ChiefOfChainIds.Contains(c.Id)), .. followed.Where(c => !recipient.ChiefOfChainIds.Contains(c.Id))];
    }

    private sealed record FollowRow(long UserId, long ChainId);

    private sealed record ChainRow(long Id, string Code);

    internal static class Sql
    {
        public const string Recipients = "SELECT u.Id AS UserId, u.Email, u.DisplayName, u.Culture, u.TeamId,\n" + ProjectScope.SeesAllColumn + """

            FROM Users u
            LEFT JOIN UserEmailPreferences pr ON pr.UserId = u.Id
            WHERE u.IsDisabled = 0 AND (pr.DigestEnabled IS NULL OR pr.DigestEnabled = 1)
            ORDER BY u.Id
            """;

        public const string Follows = "SELECT UserId, ChainId FROM UserFollowedChains";

        public const string Chains = "SELECT Id, Code FROM Chains ORDER BY Code";

        public const string Chiefs = "SELECT ChiefUserId AS UserId, Id AS ChainId FROM Chains WHERE ChiefUserId IS NOT NULL";

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
