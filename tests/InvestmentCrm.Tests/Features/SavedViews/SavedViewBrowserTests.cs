using InvestmentCrm.Tests.Features.Projects;
using InvestmentCrm.Tests.Infrastructure.Security;
using InvestmentCrm.Tests.Support;
using Microsoft.Playwright;

namespace InvestmentCrm.Tests.Features.SavedViews;

/// <summary>In the system Chromium on a phone-wide screen (390 px), under the app's Content-Security-Policy: the
/// "save view" form opens and submits by keyboard alone, the view appears as a tab that fits the screen, and
/// tapping it opens the list with its filters.</summary>
public sealed class SavedViewBrowserTests(ProjectBrowserFixture fixture) : IClassFixture<ProjectBrowserFixture>
{
    [Fact]
    public async Task A_view_is_saved_by_keyboard_and_opened_from_its_tab_on_a_phone()
    {
        var page = await fixture.SignedInAsync("staff1@demo.local");
        var violations = await ContentSecurityPolicyBrowserTests.WatchViolationsAsync(page);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/projects?q=JJ2026&sort=-code&p=1");

        await page.FocusAsync("[data-testid=save-view]");
        await page.Keyboard.PressAsync("Enter"); // <details> opens without script
        await page.Locator("[data-testid=save-view-form] input[name=name]").FocusAsync();
        await page.Keyboard.TypeAsync("手机视图");
        var saved = page.WaitForURLAsync(url => url.EndsWith("/projects?q=JJ2026&sort=-code", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        await saved;
        Assert.Equal("视图“手机视图”已保存。", (await page.TextContentAsync("[data-testid=flash]"))!.Trim());

        await page.GotoAsync("/projects");
        var tab = page.Locator("[data-testid=saved-view-tabs] a", new PageLocatorOptions { HasTextString = "手机视图" });
        var box = (await tab.BoundingBoxAsync())!;
        var tabs = (await page.Locator("[data-testid=saved-views]").BoundingBoxAsync())!;
        Assert.True(tabs.X + tabs.Width <= 390, $"the saved views row is {tabs.X + tabs.Width} px wide on a 390 px screen");
        Assert.True(box.Height >= 24, $"the tab is {box.Height} px high: too small to tap");
        await BrowserFixture.ScreenshotAsync(page, "saved-views-390");

        var opened = page.WaitForURLAsync(url => url.EndsWith("/projects?q=JJ2026&sort=-code", StringComparison.Ordinal));
        await tab.ClickAsync();
        await opened;
        Assert.Equal("JJ2026", await page.InputValueAsync("form[data-testid=filters] input[name=q]"));
        Assert.Equal("page", await page.Locator("[data-testid=saved-view-tabs] a[aria-current=page]", new PageLocatorOptions { HasTextString = "手机视图" }).GetAttributeAsync("aria-current"));
        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join("\n", violations));
    }
}
