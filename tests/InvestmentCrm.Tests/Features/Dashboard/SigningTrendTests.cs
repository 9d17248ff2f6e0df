using System.Net;
using InvestmentCrm.Tests.Support;
using static InvestmentCrm.Tests.Features.Dashboard.TrendApp;

namespace InvestmentCrm.Tests.Features.Dashboard;

/// <summary>
/// The dashboard's signings by month against the year's target (Dashboard/SigningTrend): figures computed by hand from
/// <see cref="TrendApp"/>'s seeded signings, the target spread evenly (m/12 of it by the end of month m), one series
/// per team for Leaders beside the bureau total, the reader's team only for Staff, the year selector and its bad
/// input, the Shanghai day at 00:30 and 23:30 around a month's and a year's first day, both languages.
/// </summary>
public sealed class SigningTrendTests(TrendApp app) : IClassFixture<TrendApp>
{
    private const string Dash = "—";

    private static readonly string[] After = ["30,000", "35,000", "40,000", "45,000", "50,000", "55,000", "60,000"];

    // Team A by 31 May 2031: Jan TA-1 1,000 + TA-2 500 (planned), Mar TA-3 2,500.5, May TA-6 800; target 60,000.
    private static readonly (string, string, string, string, string)[] TeamAByMay =
    [
        ("2", "2", "1,500", "1,500", "5,000"), ("0", "2", "0", "1,500", "10,000"), ("1", "3", "2,500.5", "4,000.5", "15,000"),
        ("0", "3", "0", "4,000.5", "20,000"), ("1", "4", "800", "4,800.5", "25,000"),
        .. After.Select(target => (Dash, Dash, Dash, Dash, target)),
    ];

    // Team B: Feb TB-1 4,321, May TB-2 6,789; no target.
    private static readonly (string, string, string, string, string)[] TeamBByMay =
    [
        ("0", "0", "0", "0", Dash), ("1", "1", "4,321", "4,321", Dash), ("0", "1", "0", "4,321", Dash), ("0", "1", "0", "4,321", Dash),
        ("1", "2", "6,789", "11,110", Dash), .. Enumerable.Repeat((Dash, Dash, Dash, Dash, Dash), 7),
    ];

    // The bureau: both teams against its own 120,000 (10,000 a month).
    private static readonly (string, string, string, string, string)[] BureauByMay =
    [
        ("2", "2", "1,500", "1,500", "10,000"), ("1", "3", "4,321", "5,821", "20,000"), ("1", "4", "2,500.5", "8,321.5", "30,000"),
        ("0", "4", "0", "8,321.5", "40,000"), ("2", "6", "7,589", "15,910.5", "50,000"),
        .. new[] { 6, 7, 8, 9, 10, 11, 12 }.Select(m => (Dash, Dash, Dash, Dash, (m * 10_000).ToString("N0", System.Globalization.CultureInfo.InvariantCulture))),
    ];

    [Fact]
    public async Task Leaders_see_the_bureau_total_and_one_series_per_team_month_by_month_and_cumulative()
    {
        app.Clock.Now = May31At2330;
        using var leader = await app.AsAsync("leader@demo.local");

        var page = await leader.PageAsync("/");

        Assert.Equal("2031", Year(page));
        Assert.Equal(new[] { "total", $"team-{app.TeamAId}", $"team-{app.TeamBId}" }.Order(StringComparer.Ordinal), Series(page).Order(StringComparer.Ordinal));
        Assert.Equal(BureauByMay, Table(page, "total"));
        Assert.Equal(TeamAByMay, Table(page, $"team-{app.TeamAId}"));
        Assert.Equal(TeamBByMay, Table(page, $"team-{app.TeamBId}"));
        Assert.Equal("全局合计：签约 6 个，15,910.5 万元；目标 120,000 万元，完成 13%", page.QuerySelector("[data-testid=trend-summary][data-series=total]")!.TextContent.Trim());

        // The chart: a title, the target line from 0 to 120,000 and the total from 0 through May's five points.
        var chart = page.QuerySelector("svg[data-testid=trend-chart]")!;
        Assert.Equal("2031 年签约额逐月累计与年度目标对照（万元）", chart.QuerySelector("title")!.TextContent);
        Assert.NotNull(chart.QuerySelector("[data-testid=trend-target-line]"));
        Assert.Equal(6, chart.QuerySelector("polyline[data-series=total]")!.GetAttribute("points")!.Split(' ').Length);
        Assert.Contains("m/12", page.QuerySelector("[data-testid=trend-convention]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_see_their_own_team_against_its_target_and_never_another_teams_figures()
    {
        app.Clock.Now = May31At2330;
        using var staffA = await app.AsAsync(StaffA);
        using var mateA = await app.AsAsync(MateA);
        using var staffB = await app.AsAsync(StaffB);

        foreach (var browser in new[] { staffA, mateA })
        {
            var page = await browser.PageAsync("/");
            Assert.Equal(["total"], Series(page));
            Assert.Equal(TeamAByMay, Table(page, "total"));
            var html = page.QuerySelector("[data-testid=signing-trend]")!.OuterHtml;
            Assert.Contains(TeamA, html, StringComparison.Ordinal);
            foreach (var foreign in new[] { TeamB, "4,321", "6,789", "11,110", "15,910.5", "全局合计", "120,000", "team-" })
            {
                Assert.DoesNotContain(foreign, html, StringComparison.Ordinal);
            }
        }

        var pageB = await staffB.PageAsync("/");
        Assert.Equal(TeamBByMay, Table(pageB, "total"));
        Assert.Null(pageB.QuerySelector("[data-testid=trend-target-line]"));
        Assert.Equal("2031 年尚未设置签约目标：由管理员在“年度目标”中设置。", pageB.QuerySelector("[data-testid=trend-convention]")!.TextContent.Trim());
        Assert.DoesNotContain(TeamA, pageB.QuerySelector("[data-testid=signing-trend]")!.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_0030_on_the_first_of_June_in_Shanghai_June_has_begun_though_it_is_still_May_in_UTC()
    {
        app.Clock.Now = May31At2330;
        using var staffA = await app.AsAsync(StaffA);
        Assert.Equal((Dash, Dash, Dash, Dash, "30,000"), Table(await staffA.PageAsync("/"), "total")[5]);

        app.Clock.Now = new DateTimeOffset(2031, 6, 1, 0, 30, 0, TimeSpan.FromHours(8));
        Assert.Equal(5, app.Clock.Now.UtcDateTime.Month);
        var june = Table(await staffA.PageAsync("/"), "total");
        Assert.Equal(("0", "4", "0", "4,800.5", "30,000"), june[5]);
        Assert.Equal(TeamAByMay.Take(5), june.Take(5));
        Assert.Equal((Dash, Dash, Dash, Dash, "35,000"), june[6]);
    }

    [Fact]
    public async Task The_year_selector_shows_another_year_and_offers_the_years_with_signings_and_the_current_one()
    {
        app.Clock.Now = May31At2330;
        using var leader = await app.AsAsync("leader@demo.local");
        using var staffA = await app.AsAsync(StaffA);

        var page = await leader.PageAsync("/?year=2030");
        Assert.Equal("2030", Year(page));
        Assert.Null(page.QuerySelector("[data-testid=trend-bad-year]"));
        // TA-4, signed on 31 December 2030: every month of a past year has passed; 2030 has no target.
        Assert.Equal(("1", "1", "9,999", "9,999", Dash), Table(page, $"team-{app.TeamAId}")[11]);
        Assert.Equal(("0", "0", "0", "0", Dash), Table(page, $"team-{app.TeamAId}")[10]);
        Assert.DoesNotContain($"team-{app.TeamBId}", Series(page));
        Assert.Equal("2030", page.QuerySelector("#trend-year option[selected]")!.GetAttribute("value"));
        // From the demo's first signing (2026) to now, for who sees every project; the reader's own signings otherwise.
        Assert.Equal(["2031", "2030", "2029", "2028", "2027", "2026"], page.QuerySelectorAll("#trend-year option").Select(o => o.GetAttribute("value")!));
        Assert.Equal(["2031", "2030"], (await staffA.PageAsync("/")).QuerySelectorAll("#trend-year option").Select(o => o.GetAttribute("value")!));

        // A year with nothing in it yet is shown as it is.
        var next = await leader.PageAsync("/?year=2032");
        Assert.Equal("2032", Year(next));
        Assert.All(Table(next, "total"), month => Assert.Equal(Dash, month.Item1));
    }

    [Theory]
    [InlineData("abc", "zh-CN", "“abc”不是 2000—2100 之间的年份，现显示 2031 年。")]
    [InlineData("1999", "zh-CN", "“1999”不是 2000—2100 之间的年份，现显示 2031 年。")]
    [InlineData("2101", "en", "“2101” is not a year from 2000 to 2100: showing 2031.")]
    [InlineData("-2030", "en", "“-2030” is not a year from 2000 to 2100: showing 2031.")]
    [InlineData("2030x", "en", "“2030x” is not a year from 2000 to 2100: showing 2031.")]
    [InlineData("99999999999999999999999999", "en", "“99999999999999999999…” is not a year from 2000 to 2100: showing 2031.")]
    public async Task A_year_that_is_not_one_is_said_so_in_the_readers_language_and_the_current_year_shown(string year, string culture, string message)
    {
        app.Clock.Now = May31At2330;
        using var leader = await app.AsAsync("leader@demo.local", culture);

        var response = await leader.Client.GetAsync("/?year=" + Uri.EscapeDataString(year));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await leader.PageAsync("/?year=" + Uri.EscapeDataString(year));

        Assert.Equal("2031", Year(page));
        Assert.Equal(message, page.QuerySelector("[data-testid=trend-bad-year]")!.TextContent.Trim());
        Assert.Equal(BureauByMay, Table(page, "total"));
    }

    [Fact]
    public async Task In_English_the_chart_and_its_table_are_labelled_in_English()
    {
        app.Clock.Now = May31At2330;
        using var leader = await app.AsAsync("leader@demo.local", "en");

        var page = await leader.PageAsync("/?year=");

        Assert.Equal("Signings by month, 2031", page.QuerySelector("[data-testid=signing-trend] h2")!.TextContent.Trim());
        Assert.Equal("Bureau total: 6 signed, 15,910.5 (10k yuan); target 120,000, 13% reached",
            page.QuerySelector("[data-testid=trend-summary][data-series=total]")!.TextContent.Trim());
        Assert.Equal(["Month", "Signed", "Signed to date", "Contracted (10k yuan)", "Contracted to date", "Target to date"],
            page.QuerySelectorAll("[data-testid=trend-table][data-series=total] thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal("Jan", page.QuerySelector("[data-testid=trend-table][data-series=total] tr[data-month='1'] th")!.TextContent.Trim());
        Assert.Equal(BureauByMay, Table(page, "total"));
    }

    [Fact]
    public async Task The_default_year_is_Shanghais_at_2330_on_31_December_and_at_0030_on_1_January()
    {
        app.Clock.Now = new DateTimeOffset(2031, 12, 31, 23, 30, 0, TimeSpan.FromHours(8));
        using var staffA = await app.AsAsync(StaffA);
        var december = await staffA.PageAsync("/");
        Assert.Equal("2031", Year(december));
        Assert.Equal(("0", "4", "0", "4,800.5", "60,000"), Table(december, "total")[11]);

        app.Clock.Now = new DateTimeOffset(2032, 1, 1, 0, 30, 0, TimeSpan.FromHours(8));
        Assert.Equal(2031, app.Clock.Now.UtcDateTime.Year);
        var january = await staffA.PageAsync("/");
        Assert.Equal("2032", Year(january));
        Assert.Equal(["2032", "2031", "2030"], january.QuerySelectorAll("#trend-year option").Select(o => o.GetAttribute("value")!));
        Assert.Equal(("0", "0", "0", "0", Dash), Table(january, "total")[0]);
    }
}
