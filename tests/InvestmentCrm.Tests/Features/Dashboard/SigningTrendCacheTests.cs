using System.Net;
using InvestmentCrm.Tests.Support;
using static InvestmentCrm.Tests.Features.Dashboard.TrendApp;

namespace InvestmentCrm.Tests.Features.Dashboard;

/// <summary>
/// The signing trend is cached with the dashboard's figures (Dashboard/DashboardCache, per scope, day and year) and
/// never stale: a signing made through the stage move and a target changed on /admin/targets show on the very next
/// view, in the scopes that see them only.
/// </summary>
public sealed class SigningTrendCacheTests(TrendApp app) : IClassFixture<TrendApp>
{
    [Fact]
    public async Task A_signing_on_the_first_of_the_month_at_0030_and_a_target_change_show_on_the_next_view()
    {
        // 00:30 on 1 June in Shanghai (still 31 May in UTC): signing "today" is signing on 1 June.
        app.Clock.Now = new DateTimeOffset(2031, 6, 1, 0, 30, 0, TimeSpan.FromHours(8));
        using var staffA = await app.AsAsync(StaffA);
        using var staffB = await app.AsAsync(StaffB);
        using var leader = await app.AsAsync("leader@demo.local");
        using var admin = await app.AsAsync("admin@demo.local");
        var teamA = $"team-{app.TeamAId}";
        Assert.Equal(("0", "4", "0", "4,800.5", "30,000"), Table(await staffA.PageAsync("/"), "total")[5]);
        Assert.Equal(("0", "6", "0", "15,910.5", "60,000"), Table(await leader.PageAsync("/"), "total")[5]);
        var before = Table(await staffA.PageAsync("/"), "total"); // served from the cache
        var teamB = Table(await staffB.PageAsync("/"), "total");

        var project = await staffA.PageAsync("/projects/TA-5");
        var moved = await staffA.SubmitAsync(project, "[data-testid=move-form]", new Dictionary<string, string>
        {
            ["Move.ToStage"] = "signed",
            ["Move.SignedOn"] = "2031-06-01",
            ["Move.ContractedInvestmentWan"] = "1234",
        });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal("2031-06-01", await app.ScalarAsync<string>("SELECT SignedOn FROM Projects WHERE Code = 'TA-5'"));

        var after = Table(await staffA.PageAsync("/"), "total");
        Assert.Equal(("1", "5", "1,234", "6,034.5", "30,000"), after[5]);
        Assert.Equal(before.Take(5), after.Take(5));
        var leaderPage = await leader.PageAsync("/");
        Assert.Equal(("1", "7", "1,234", "17,144.5", "60,000"), Table(leaderPage, "total")[5]);
        Assert.Equal(("1", "5", "1,234", "6,034.5", "30,000"), Table(leaderPage, teamA)[5]);
        Assert.Equal(teamB, Table(await staffB.PageAsync("/"), "total"));

        // Team A's 2031 target from 60,000 to 72,000: 36,000 by the end of June.
        var form = await admin.PageAsync("/admin/targets?year=2031");
        var field = form.QuerySelector($"tr[data-team='{app.TeamAId}'] input[name$='].TargetWan']")!.GetAttribute("name")!;
        Assert.Equal("60000", form.QuerySelector($"input[name='{field}']")!.GetAttribute("value")!.Split('.')[0]);
        var saved = await admin.SubmitAsync(form, "[data-testid=targets-form]", new Dictionary<string, string> { [field] = "72000" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal(("1", "5", "1,234", "6,034.5", "36,000"), Table(await staffA.PageAsync("/"), "total")[5]);
        Assert.Equal("72,000", Cell(await leader.PageAsync("/"), teamA, 12, "cum-target"));
        Assert.Equal("120,000", Cell(await leader.PageAsync("/"), "total", 12, "cum-target"));
        Assert.Equal(teamB, Table(await staffB.PageAsync("/"), "total"));
    }
}
