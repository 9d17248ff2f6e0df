using InvestmentCrm.Tests.Features.Projects;
using InvestmentCrm.Tests.Infrastructure.Security;
using InvestmentCrm.Tests.Support;
using Microsoft.Playwright;

namespace InvestmentCrm.Tests.Features.Calendar;

/// <summary>In the system Chromium, under the app's Content-Security-Policy: the calendar's month grid, the switch to
/// the week, an entry followed to its project — at desktop width and on a 390 px phone, where the month becomes a list
/// of days. Any CSP violation or script error fails the test.</summary>
public sealed class CalendarBrowserTests(ProjectBrowserFixture fixture) : IClassFixture<ProjectBrowserFixture>
{
    private const string Step = "浏览器：提交投资协议草案";

    [Theory]
    [InlineData(1800, 1000)]
    [InlineData(390, 844)]
    public async Task The_month_switches_to_the_week_and_an_entry_opens_its_project(int width, int height)
    {
        await CalendarSamples.AddNextStepAsync(fixture.App, "JJ2026-001", Step + width, fixture.App.Today);
        var page = await fixture.SignedInAsync("staff1@demo.local");
        await page.SetViewportSizeAsync(width, height);
        var violations = await ContentSecurityPolicyBrowserTests.WatchViolationsAsync(page);

        await page.GotoAsync("/calendar");
        var entry = page.Locator("[data-testid=calendar-day][aria-current=date] [data-testid=calendar-entry]", new PageLocatorOptions { HasText = Step + width });
        await entry.WaitForAsync();
        var today = (await page.Locator("[data-testid=calendar-day][aria-current=date]").BoundingBoxAsync())!;
        var weekdays = page.Locator(".calendar-weekdays");
        if (width < 768)
        {
            // A list of days: the day spans the screen, the weekday row and the empty days are not shown.
            Assert.True(today.Width > width * 0.8, $"today's box is {today.Width} px wide on a {width} px screen");
            Assert.True(await weekdays.IsHiddenAsync());
            Assert.Equal(0, await page.Locator("[data-testid=calendar-day].calendar-empty:not([aria-current]):visible").CountAsync());
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        }
        else
        {
            // A grid of seven columns.
            Assert.True(today.Width < width / 6.0, $"today's box is {today.Width} px wide on a {width} px screen");
            Assert.True(await weekdays.IsVisibleAsync());
        }

        await BrowserFixture.ScreenshotAsync(page, $"calendar-month-{width}");

        var week = page.WaitForURLAsync(url => url.Contains("view=week", StringComparison.Ordinal));
        await page.ClickAsync("[data-testid=calendar-view-week]");
        await week;
        Assert.Equal(7, await page.Locator("[data-testid=calendar-day]").CountAsync());
        await entry.WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, $"calendar-week-{width}");

        var opened = page.WaitForURLAsync(url => url.EndsWith("/projects/JJ2026-001", StringComparison.Ordinal));
        await entry.Locator("a").ClickAsync();
        await opened;
        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task The_new_feed_address_is_copied_by_its_button()
    {
        var page = await fixture.SignedInAsync("staff2@demo.local");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var violations = await ContentSecurityPolicyBrowserTests.WatchViolationsAsync(page);
        await page.GotoAsync("/calendar");
        await page.ClickAsync("[data-testid=calendar-subscribe]");
        await page.ClickAsync("form[data-testid=feed-issue] button");
        var url = await page.InputValueAsync("[data-testid=feed-url]");
        Assert.EndsWith(".ics", url, StringComparison.Ordinal);

        await page.ClickAsync("[data-copy-from]");
        await page.Locator("[data-copy-from]", new PageLocatorOptions { HasText = "已复制" }).WaitForAsync();
        Assert.Equal(url, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await BrowserFixture.ScreenshotAsync(page, "calendar-feed-made");
        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join("\n", violations));
    }
}
