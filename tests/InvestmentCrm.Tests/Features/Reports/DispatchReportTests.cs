using System.Net;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain.Projects;

namespace InvestmentCrm.Tests.Features.Reports;

/// <summary>
/// /reports/dispatch on a month seeded by hand (<see cref="DispatchSamples"/>) through HTTP: the figures of each team
/// for the month and the year to date, the rates, the targets, the moved and stalled projects and the matters, the
/// bureau for Leaders and only their team's report for staff; bad months refused.
/// </summary>
public sealed class DispatchReportTests(DispatchApp fixture) : IClassFixture<DispatchApp>
{

    private string Url => "/reports/dispatch?month=" + fixture.Month;

    /// <summary>The figures of one row of a figures table, by data-figure name.</summary>
    private static Dictionary<string, string> Figures(IElement row) =>
        row.QuerySelectorAll("[data-figure]").ToDictionary(c => c.GetAttribute("data-figure")!, c => c.TextContent.Trim());

    private static IElement Row(IDocument page, string table, string teamName) =>
        page.QuerySelectorAll($"[data-testid={table}] tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Trim() == teamName);

    [Fact]
    public async Task Staff_see_their_teams_month_and_year_with_rates_targets_moved_stalled_and_matters()
    {
        using var staff = await fixture.AsAsync(DispatchSamples.StaffA);

        var page = await staff.PageAsync(Url);

        var month = Figures(Row(page, "figures-Month", DispatchSamples.TeamA));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["leads"] = "4", ["signed"] = "3", ["signed-wan"] = "3,500", ["started"] = "2", ["in-production"] = "1", ["funds-wan"] = "500",
                ["signing-rate"] = "75.0%", ["starting-rate"] = "66.7%", ["production-rate"] = "50.0%",
            },
            month);
        // The day before the month (DA-6: registered, signed 700, funds 50) is in the year to date unless the month is January.
        var january = fixture.Month.Month == 1;
        var year = Figures(Row(page, "figures-YearToDate", DispatchSamples.TeamA));
        Assert.Equal(january ? ("4", "3", "3,500", "500", "75.0%") : ("5", "4", "4,200", "550", "80.0%"),
            (year["leads"], year["signed"], year["signed-wan"], year["funds-wan"], year["signing-rate"]));
        var targets = Row(page, "targets", DispatchSamples.TeamA);
        Assert.Equal(january ? "3,500 / 目标 10,000（35.0%）" : "4,200 / 目标 10,000（42.0%）", targets.QuerySelector("[data-figure=signing-target]")!.TextContent.Trim());
        Assert.Equal(january ? "500 / 目标 2,000（25.0%）" : "550 / 目标 2,000（27.5%）", targets.QuerySelector("[data-figure=funds-target]")!.TextContent.Trim());

        // Staff see their team's report only: no other team, no bureau total, no other team's project.
        Assert.Equal([DispatchSamples.TeamA, "合计（可见项目）"],
            page.QuerySelectorAll("[data-testid=figures-Month] tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.Contains("范围：本组项目", page.QuerySelector("[data-testid=scope]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["DA-1", "DA-2"], page.QuerySelectorAll("[data-testid=moved] tbody tr").Select(r => r.GetAttribute("data-project")!));
        var stalled = page.QuerySelectorAll("[data-testid=stalled] tbody tr");
        Assert.Equal(("DA-4", "red"), (stalled.Single().GetAttribute("data-project"), stalled.Single().GetAttribute("data-health")));
        Assert.Contains(DispatchSamples.OwnerA, stalled.Single().QuerySelector(".owner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([("自然资源局", "1", "1"), ("供电公司", "1", "0")],
            page.QuerySelectorAll("[data-testid=matters] tbody tr").Select(r => (r.GetAttribute("data-department")!,
                r.QuerySelector("[data-figure=open]")!.TextContent, r.QuerySelector("[data-figure=overdue]")!.TextContent)));
        Assert.DoesNotContain("DB-1", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("签约率 = 期间签约个数 ÷ 期间新增线索数", page.QuerySelector("[data-testid=rules]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_of_another_team_get_their_own_figures_with_no_rate_where_the_denominator_is_zero_and_no_target()
    {
        using var staff = await fixture.AsAsync(DispatchSamples.StaffB, "en");

        var page = await staff.PageAsync(Url);

        var month = Figures(Row(page, "figures-Month", DispatchSamples.TeamB));
        Assert.Equal(("0", "1", "800", "—", "0.0%", "—"),
            (month["leads"], month["signed"], month["signed-wan"], month["signing-rate"], month["starting-rate"], month["production-rate"]));
        Assert.Equal("800 / no target set", Row(page, "targets", DispatchSamples.TeamB).QuerySelector("[data-figure=signing-target]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-testid=moved]"));
        Assert.Equal(["DB-1"], page.QuerySelectorAll("[data-testid=stalled] tbody tr").Select(r => r.GetAttribute("data-project")!));
        Assert.Null(page.QuerySelector("[data-testid=matters]"));
        foreach (var code in new[] { "DA-1", "DA-2", "DA-4", DispatchSamples.TeamA, "自然资源局" })
        {
            Assert.DoesNotContain(code, page.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Leaders_see_every_team_and_the_bureau_total_is_the_sum_of_the_teams()
    {
        using var leader = await fixture.AsAsync("leader@demo.local");

        var page = await leader.PageAsync(Url);

        Assert.Contains("范围：全局", page.QuerySelector("[data-testid=scope]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("4", Figures(Row(page, "figures-Month", DispatchSamples.TeamA))["leads"]);
        Assert.Equal("1", Figures(Row(page, "figures-Month", DispatchSamples.TeamB))["signed"]);
        foreach (var table in new[] { "figures-Month", "figures-YearToDate" })
        {
            var rows = page.QuerySelectorAll($"[data-testid={table}] tbody tr").ToList();
            var total = Figures(rows.Single(r => r.GetAttribute("data-team") == "total"));
            var teams = rows.Where(r => r.GetAttribute("data-team") != "total").Select(Figures).ToList();
            foreach (var figure in new[] { "leads", "signed", "signed-wan", "started", "in-production", "funds-wan" })
            {
                Assert.Equal(teams.Sum(t => decimal.Parse(t[figure].Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)),
                    decimal.Parse(total[figure].Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.Contains("全局合计", page.QuerySelector("[data-testid=figures-Month]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("[data-testid=stalled] tbody tr"), r => r.GetAttribute("data-project") == "DB-1");
        Assert.NotNull(page.QuerySelector("#dispatch-data"));
    }

    [Fact]
    public async Task Without_a_month_the_page_shows_the_month_before_today()
    {
        using var staff = await fixture.AsAsync(DispatchSamples.StaffA);

        var page = await staff.PageAsync("/reports/dispatch");

        Assert.Equal(fixture.Month.ToString(), page.QuerySelector("input#month")!.GetAttribute("value"));
        Assert.Equal("4", Figures(Row(page, "figures-Month", DispatchSamples.TeamA))["leads"]);
    }

    [Theory]
    [InlineData("2026-13", "zh-CN", "“2026-13”不是可用的月份")]
    [InlineData("abc", "en", "“abc” is not a month the report can cover")]
    [InlineData("1999-12", "en", "from January 2000")]
    public async Task A_bad_month_gets_a_localized_message_keeps_what_was_typed_and_shows_no_figures(string month, string culture, string message)
    {
        using var staff = await fixture.AsAsync(DispatchSamples.StaffA, culture);

        var response = await staff.GetAsync("/reports/dispatch?month=" + Uri.EscapeDataString(month));
        var page = await TestBrowser.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, page.QuerySelector("[data-testid=month-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(month, page.QuerySelector("input#month")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("[data-testid=figures-Month]"));
    }

    [Fact]
    public async Task A_month_that_has_not_begun_is_refused()
    {
        using var staff = await fixture.AsAsync(DispatchSamples.StaffA);
        var next = fixture.Month.NextFirst.AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var response = await staff.GetAsync("/reports/dispatch?month=" + next);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
