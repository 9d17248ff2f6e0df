using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Infrastructure.Localization;

public sealed class LanguageSwitchBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Clicking_english_and_back_switches_every_visible_string_and_is_remembered()
    {
        var page = await browser.NewPageAsync(signInAs: "leader@demo.local");
        Assert.Equal("首页", (await page.InnerTextAsync("a.nav-link.active")).Trim());

        var navigated = page.WaitForURLAsync("**/?culture=en");
        await page.ClickAsync("a[hreflang='en']");
        await navigated;
        Assert.Equal("Dashboard", (await page.InnerTextAsync("a.nav-link.active")).Trim());
        Assert.StartsWith("Welcome", (await page.InnerTextAsync("h1")).Trim(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "dashboard-en");

        await page.GotoAsync("/");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));

        var backToChinese = page.WaitForURLAsync("**/?culture=zh-CN");
        await page.ClickAsync("a[hreflang='zh-CN']");
        await backToChinese;
        Assert.Equal("首页", (await page.InnerTextAsync("a.nav-link.active")).Trim());
        await BrowserFixture.ScreenshotAsync(page, "dashboard-zh");
    }

    [Fact]
    public async Task The_user_menu_opens_and_signs_out_with_the_keyboard()
    {
        var page = await browser.NewPageAsync(signInAs: "staff1@demo.local");

        await page.FocusAsync("[data-testid='user-menu']");
        await page.Keyboard.PressAsync("Enter");
        var navigated = page.WaitForURLAsync("**/account/login");
        await page.ClickAsync("text=退出登录");
        await navigated;
        Assert.Equal("登录", (await page.InnerTextAsync("h1")).Trim());
    }
}
