using Microsoft.Playwright;

namespace InvestmentCrm.Tests.Support;

/// <summary>
/// The app on a real Kestrel port with the system's Debian chromium driven by Playwright (no browser download),
/// for what only a browser shows. Screenshots go to TestResults/screenshots.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public AppFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    private IPlaywright? playwright;

    public async Task InitializeAsync()
    {
        var chromium = SystemTools.Require("/usr/bin/chromium", "chromium");
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // The machine has no network: keep chromium from trying to reach one.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(string? signInAs = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "zh-CN" });
        // Playwright's 30 s default is too tight for a loaded 2-core CI machine running other test classes at once.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        if (signInAs is not null)
        {
            await SignInAsync(page, signInAs);
        }

        return page;
    }

    /// <summary>Signs in through the login form, as a user would, and waits for the dashboard.</summary>
    public async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("input[name='Form.Email']", email);
        await page.FillAsync("input[name='Form.Password']", InvestmentCrm.Web.Features.Demo.DemoSeeder.Password);
        // The wait starts before the click: started after it, it raced the navigation on a loaded machine.
        var navigated = page.WaitForURLAsync(BaseUrl + "/");
        await page.ClickAsync("button[type='submit']");
        await navigated;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepoPaths.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
    }
}
