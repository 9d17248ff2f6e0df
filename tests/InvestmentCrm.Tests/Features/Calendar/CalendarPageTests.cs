using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using static InvestmentCrm.Tests.Features.Calendar.CalendarSamples;

namespace InvestmentCrm.Tests.Features.Calendar;

/// <summary>
/// /calendar through HTTP on a fixed clock: each next step on its day, "today" and the default month in Shanghai
/// (also at 00:30 and 23:30 there, when UTC is on another day), the week view and the page links, the circles, bad
/// query values answered with the default and a message in both languages.
/// </summary>
public sealed class CalendarPageTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private const string Staff1 = "staff1@demo.local";

    private async Task<TestBrowser> Staff1At(string instantUtc, string culture = "zh-CN")
    {
        await app.ReadyAsync();
        app.Clock.Now = DateTimeOffset.Parse(instantUtc, CultureInfo.InvariantCulture);
        return await app.AsAsync(Staff1, culture);
    }

    private static string Heading(IDocument page) => page.QuerySelector("[data-testid=calendar-heading]")!.TextContent.Trim();

    private static IReadOnlyList<string> Days(IDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=calendar-day]").Select(d => d.GetAttribute("data-day")!)];

    private static string Href(IDocument page, string testId) => page.QuerySelector($"[data-testid={testId}]")!.GetAttribute("href")!;

    public static TheoryData<string, string, string, string> Hours => new()
    {
        // 23:30 on New Year's Eve in Shanghai: still December.
        { "2026-12-31T15:30:00Z", "2026-12-31", "2026年12月", "2026-11-30" },
        // 00:30 on New Year's Day in Shanghai, while UTC is still on 31 December: January.
        { "2026-12-31T16:30:00Z", "2027-01-01", "2027年1月", "2026-12-28" },
    };

    [Theory]
    [MemberData(nameof(Hours))]
    public async Task The_month_puts_each_next_step_on_its_day_and_today_is_the_day_in_Shanghai(string instant, string today, string heading, string firstDay)
    {
        using var browser = await Staff1At(instant);
        var tag = "年末" + today + "：";
        await AddNextStepAsync(app, "JJ2026-001", tag + "报送用地方案", new DateOnly(2026, 12, 31));
        await AddNextStepAsync(app, "JJ2026-003", tag + "拜访企业总部", new DateOnly(2027, 1, 1));
        await AddNextStepAsync(app, "JJ2026-001", tag + "寄送资料", new DateOnly(2027, 1, 1), done: true);

        var page = await browser.PageAsync("/calendar");

        Assert.Equal("month", page.QuerySelector("[data-testid=calendar]")!.GetAttribute("data-view"));
        Assert.Equal(heading, Heading(page));
        Assert.Equal(firstDay, Days(page)[0]); // whole weeks from Monday
        Assert.Equal(0, Days(page).Count % 7);
        Assert.Equal(today, Assert.Single(page.QuerySelectorAll("[data-testid=calendar-day][aria-current=date]")).GetAttribute("data-day"));
        var mine = Entries(page).Where(e => e.Text.Contains(tag, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, mine.Count);
        Assert.Contains(mine, e => e is { Day: "2026-12-31", Code: "JJ2026-001", Done: false } && e.Text.Contains("报送用地方案", StringComparison.Ordinal));
        Assert.Contains(mine, e => e is { Day: "2027-01-01", Code: "JJ2026-003", Done: false } && e.Text.Contains("拜访企业总部", StringComparison.Ordinal));
        Assert.Contains(mine, e => e is { Day: "2027-01-01", Code: "JJ2026-001", Done: true } && e.Text.Contains("寄送资料", StringComparison.Ordinal));

        var entry = page.QuerySelectorAll("[data-testid=calendar-entry]").First(e => e.TextContent.Contains(tag + "拜访企业总部", StringComparison.Ordinal));
        Assert.Equal("/projects/JJ2026-003", entry.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("负责人：李招商", entry.TextContent, StringComparison.Ordinal);
        Assert.Contains("calendar-done", page.QuerySelectorAll("[data-testid=calendar-entry][data-done=true]").First().ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_week_view_runs_Monday_to_Sunday_and_its_links_turn_the_page()
    {
        using var browser = await Staff1At("2026-12-31T16:30:00Z"); // Friday 1 January 2027, 00:30 in Shanghai
        await AddNextStepAsync(app, "JJ2026-003", "周视图：确认土地出让条件", new DateOnly(2027, 1, 3));

        var week = await browser.PageAsync("/calendar?view=week");
        Assert.Equal("week", week.QuerySelector("[data-testid=calendar]")!.GetAttribute("data-view"));
        Assert.Equal(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"], Days(week));
        Assert.Contains(Entries(week), e => e is { Day: "2027-01-03", Code: "JJ2026-003" } && e.Text.Contains("周视图", StringComparison.Ordinal));

        var next = await browser.PageAsync(Href(week, "calendar-next"));
        Assert.Equal("2027-01-04", Days(next)[0]);
        var previous = await browser.PageAsync(Href(next, "calendar-previous"));
        Assert.Equal(Days(week), Days(previous));
        var back = await browser.PageAsync(Href(await browser.PageAsync(Href(week, "calendar-previous")), "calendar-today"));
        Assert.Equal(Days(week), Days(back));

        var month = await browser.PageAsync(Href(week, "calendar-view-month"));
        Assert.Equal("2027年1月", Heading(month));
        var december = await browser.PageAsync(Href(month, "calendar-previous"));
        Assert.Equal("2026年12月", Heading(december));
        Assert.Contains("view=month", Href(december, "calendar-next"), StringComparison.Ordinal);
        var weekAgain = await browser.PageAsync(Href(december, "calendar-view-week"));
        Assert.Equal("2026-11-30", Days(weekAgain)[0]); // the week of 1 December, the month's anchor
    }

    [Fact]
    public async Task The_circles_narrow_to_mine_or_widen_to_my_team()
    {
        await app.ReadyAsync();
        app.Clock.Now = DateTimeOffset.Parse("2026-12-31T02:00:00Z", CultureInfo.InvariantCulture);
        await AddNextStepAsync(app, "JJ2026-001", "圈子：本人的下一步", new DateOnly(2026, 12, 15));
        using var teammate = await app.AsAsync(ProjectsApp.Teammate);

        var mine = await teammate.PageAsync("/calendar?date=2026-12-15");
        Assert.DoesNotContain(Entries(mine), e => e.Text.Contains("圈子", StringComparison.Ordinal));
        var team = await teammate.PageAsync(Href(mine, "calendar-who-team"));
        Assert.Contains(Entries(team), e => e.Code == "JJ2026-001" && e.Text.Contains("圈子", StringComparison.Ordinal));
        Assert.Equal("page", team.QuerySelector("[data-testid=calendar-who-team]")!.GetAttribute("aria-current"));
        Assert.Contains("date=2026-12-15", Href(team, "calendar-view-week"), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "view=year", "zh-CN", "没有“year”视图，已显示月视图" },
        { "view=year", "en", "There is no view \"year\"; the month is shown" },
        { "date=2026-13-45", "zh-CN", "“2026-13-45”不是日期（格式：YYYY-MM-DD）" },
        { "date=2026-13-45", "en", "\"2026-13-45\" is not a date (YYYY-MM-DD)" },
        { "date=9999-12-31", "zh-CN", "日期“9999-12-31”超出范围" },
        { "date=0001-01-01", "en", "The date \"0001-01-01\" is out of range" },
        { "date=31.12.2026", "en", "\"31.12.2026\" is not a date" },
        { "who=boss", "zh-CN", "没有“boss”范围，已显示我的" },
        { "who=boss", "en", "There is no choice \"boss\"" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_query_value_shows_the_default_with_a_message_in_the_readers_language(string query, string culture, string message)
    {
        using var browser = await Staff1At("2026-12-31T16:30:00Z", culture);
        var response = await browser.GetAsync("/calendar?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains(message, Assert.Single(page.QuerySelectorAll("[data-testid=calendar-problem]")).TextContent, StringComparison.Ordinal);
        Assert.Equal(culture == "en" ? "January 2027" : "2027年1月", Heading(page));
        Assert.Equal("2027-01-01", page.QuerySelector("[aria-current=date]")!.GetAttribute("data-day"));
    }

    [Fact]
    public async Task A_very_long_bad_value_is_not_echoed_whole_and_the_last_page_has_no_next()
    {
        using var browser = await Staff1At("2026-12-31T16:30:00Z", "en");
        var page = await browser.PageAsync("/calendar?view=" + new string('x', 5000));
        Assert.True(page.QuerySelector("[data-testid=calendar-problem]")!.TextContent.Length < 200);

        var last = await browser.PageAsync("/calendar?date=2099-12-31");
        Assert.Equal("December 2099", Heading(last));
        Assert.Null(last.QuerySelector("[data-testid=calendar-next]"));
        Assert.Null((await browser.PageAsync("/calendar?view=week&date=2000-01-01")).QuerySelector("[data-testid=calendar-previous]"));
    }

    [Fact]
    public async Task The_page_reads_in_English_and_the_top_menu_links_to_it_in_both_languages()
    {
        using var browser = await Staff1At("2026-12-31T16:30:00Z", "en");
        var page = await browser.PageAsync("/calendar?view=week");
        Assert.Equal("12/28/2026 – 1/3/2027", Heading(page));
        Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], page.QuerySelectorAll(".calendar-weekdays div").Select(d => d.TextContent.Trim()));
        Assert.Equal("/calendar", page.QuerySelectorAll("nav .nav-link").Single(a => a.TextContent.Trim() == "Calendar").GetAttribute("href"));

        using var chinese = await app.AsAsync(Staff1);
        var zh = await chinese.PageAsync("/calendar");
        Assert.Equal("/calendar", zh.QuerySelectorAll("nav .nav-link").Single(a => a.TextContent.Trim() == "日历").GetAttribute("href"));
        Assert.Equal("page", zh.QuerySelectorAll("nav .nav-link").Single(a => a.TextContent.Trim() == "日历").GetAttribute("aria-current"));
    }
}
