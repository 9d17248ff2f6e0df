using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Dapper;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Digest;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Dashboard;

/// <summary>The demo app on a fixed day: Wednesday 2 December 2026, 10:00 in Shanghai (week 2026-W49, inside one year).</summary>
public sealed class DashboardApp : ProjectsApp
{
    public DashboardApp() => Clock.Now = new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
}

/// <summary>
/// The dashboard's figures against the rules they come from: signings by signing date (Domain/Projects/Signings),
/// 三色预警 from the last activity (Domain/Projects/LastActivity), and the same totals in the weekly digest.
/// </summary>
public sealed class DashboardFiguresTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Signed_this_year_counts_by_signing_date_whatever_the_stage_now_and_the_dashboard_and_the_digest_agree()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        using var staff2 = await app.AsAsync("staff2@demo.local");
        await using (var connection = await app.Db.OpenAsync())
        {
            // Targets for the two teams only (none of the demo's, Demo/TargetsDemo): the bureau's target is then their
            // sum, on the dashboard and in the digest.
            await connection.ExecuteAsync("DELETE FROM TeamTargets");
            await connection.ExecuteAsync("""
                INSERT INTO TeamTargets (Year, TeamId, TargetWan, UpdatedAtUtc)
                SELECT 2026, Id, CASE WHEN Name = '招商一科' THEN 60000 ELSE 40000 END, '2026-01-05 00:00:00' FROM Teams WHERE Name IN ('招商一科', '招商二科')
                """);
        }

        // The demo's two signings of 2026: JJ2026-006 (60,000 万元, staff1) and JJ2026-004 (5,000 万元, staff2).
        var before = await DashboardAsync(leader);
        Assert.Equal((65000m, 2, 0, 100000m), (before.SignedWan, before.SignedCount, before.NowParked, before.TargetWan));

        // staff2's signed project is put on hold: it was still signed in 2026.
        var moved = await staff2.SubmitAsync(await staff2.PageAsync("/projects/JJ2026-004"), "[data-testid=move-form]",
            new Dictionary<string, string> { ["Move.ToStage"] = "on_hold", ["Move.Note"] = "企业暂缓区域服务中心建设" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal("on_hold", await app.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = 'JJ2026-004'"));

        var leaderAfter = await DashboardAsync(leader);
        Assert.Equal((65000m, 2, 1, 100000m), (leaderAfter.SignedWan, leaderAfter.SignedCount, leaderAfter.NowParked, leaderAfter.TargetWan));
        Assert.Contains("其中 1 个现已搁置或流失", Text(await leader.PageAsync("/?culture=zh-CN"), "signed-now-parked"));
        Assert.Contains("of which 1 now on hold or lost", Text(await leader.PageAsync("/?culture=en"), "signed-now-parked"));
        var staffAfter = await DashboardAsync(staff2);
        Assert.Equal((5000m, 1, 1, 40000m), (staffAfter.SignedWan, staffAfter.SignedCount, staffAfter.NowParked, staffAfter.TargetWan));

        // The digest of this week says the same, for the bureau and for staff2's team.
        var digest = await DigestAsync("leader@demo.local", IsoWeekId.Of(app.Today));
        var bureau = digest.Targets[0];
        var team2 = digest.Targets.Single(t => t.TeamName == "招商二科");
        Assert.Equal((leaderAfter.SignedWan, leaderAfter.TargetWan), (bureau.SignedWan, bureau.TargetWan));
        Assert.Equal((staffAfter.SignedWan, staffAfter.TargetWan), (team2.SignedWan, team2.TargetWan));

        // ...and the week of the signing (2026-09-18, W38) still lists it, now that the project is on hold.
        var signingWeek = await DigestAsync("leader@demo.local", IsoWeekId.Of(new DateOnly(2026, 9, 18)));
        Assert.Equal(["JJ2026-004"], signingWeek.Signings.Rows.Select(r => r.Code));
        Assert.Equal(5000m, signingWeek.SignedInvestmentWan);
    }

    [Fact]
    public async Task A_project_never_followed_up_is_quiet_from_its_creation_day_in_the_app_zone_on_every_page()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var dashboardBefore = await staff1.PageAsync("/");
        var zone = LocalTime.FindZone("Asia/Shanghai");
        // Created 70 days ago; and 29 days ago at 00:30 in Shanghai, which is still the day before in UTC (30 days ago).
        await InsertUnfollowedAsync("Q-RED", LocalTime.StartUtc(app.Today.AddDays(-70), zone).AddHours(1));
        await InsertUnfollowedAsync("Q-29", LocalTime.StartUtc(app.Today.AddDays(-29), zone).AddMinutes(30));
        await InsertUnfollowedAsync("Q-30", LocalTime.StartUtc(app.Today.AddDays(-30), zone).AddMinutes(30));

        var list = await staff1.PageAsync("/projects?q=Q-");
        Assert.Equal(("red", "yellow", null), (HealthOf(list, "Q-RED"), HealthOf(list, "Q-30"), HealthOf(list, "Q-29")));
        Assert.Equal(["Q-RED"], Codes(await staff1.PageAsync("/projects?q=Q-&health=red"), "tr[data-project]"));
        Assert.Equal(["Q-30"], Codes(await staff1.PageAsync("/projects?q=Q-&health=yellow"), "tr[data-project]"));
        Assert.Equal("red", HealthOf(await staff1.PageAsync("/projects/Q-RED"), null));

        var dashboard = await staff1.PageAsync("/");
        Assert.Equal(Number(dashboardBefore, "red-count") + 1, Number(dashboard, "red-count"));
        Assert.Equal(Number(dashboardBefore, "yellow-count") + 1, Number(dashboard, "yellow-count"));
        var quiet = Codes(dashboard, "[data-testid=quiet-list] li");
        Assert.Contains("Q-RED", quiet);
        Assert.Contains("Q-30", quiet);
        Assert.DoesNotContain("Q-29", quiet);

        var mine = Codes(await staff1.PageAsync("/projects/mine"), "li[data-project]");
        Assert.Contains("Q-RED", mine);
        Assert.DoesNotContain("Q-29", mine);
    }

    private async Task InsertUnfollowedAsync(string code, DateTime createdAtUtc)
    {
        await using var connection = await app.Db.OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO Projects (Code, Title, EnterpriseId, Stage, Source, OwnerUserId, TeamId, Priority, LastActivityOn, Version, CreatedAtUtc, UpdatedAtUtc)
            SELECT @Code, '未跟进项目 ' || @Code, (SELECT MIN(Id) FROM Enterprises), 'contacted', 'other', u.Id, u.TeamId, 2, NULL, 1, @CreatedAtUtc, @CreatedAtUtc
            FROM Users u WHERE u.NormalizedEmail = 'STAFF1@DEMO.LOCAL'
            """, new { Code = code, CreatedAtUtc = createdAtUtc });
    }

    /// <summary>The 三色 badge of a project's row (or of the page when <paramref name="code"/> is null); null when green.</summary>
    private static string? HealthOf(IDocument page, string? code) =>
        page.QuerySelector((code is null ? "" : $"[data-project='{code}'] ") + "[data-health]")?.GetAttribute("data-health");

    private static List<string> Codes(IDocument page, string selector) =>
        [.. page.QuerySelectorAll(selector).Select(e => e.GetAttribute("data-project") ?? "")];

    private sealed record Figures(decimal SignedWan, int SignedCount, int NowParked, decimal? TargetWan);

    private static async Task<Figures> DashboardAsync(TestBrowser browser)
    {
        var page = await browser.PageAsync("/");
        return new Figures(
            decimal.Parse(Text(page, "signed-wan"), NumberStyles.Number, CultureInfo.InvariantCulture),
            Number(page, "signed-count") ?? 0,
            Number(page, "signed-now-parked") ?? 0,
            Number(page, "target"));
    }

    private static string Text(IDocument page, string testId) =>
        page.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim() ?? "";

    /// <summary>The number in an element's text ("签约项目 2 个", "年度目标 100,000 万元"), or null when it has none.</summary>
    private static int? Number(IDocument page, string testId)
    {
        var digits = new string(Text(page, testId).Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : int.Parse(digits, CultureInfo.InvariantCulture);
    }

    private async Task<DigestContent> DigestAsync(string email, IsoWeekId week)
    {
        using var scope = app.Services.CreateScope();
        var builder = scope.ServiceProvider.GetRequiredService<DigestBuilder>();
        var recipient = (await builder.RecipientsAsync(CancellationToken.None)).Single(r => r.Email == email);
        return await builder.BuildAsync(recipient, week, CancellationToken.None);
    }
}
