using InvestmentCrm.Tests.Support;
using Microsoft.Playwright;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>Kestrel + the system chromium on the demo projects: the board's drag and drop and the dashboard charts.</summary>
public sealed class ProjectBrowserFixture : IAsyncLifetime
{
    public ProjectsApp App { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    private IPlaywright? playwright;

    public async Task InitializeAsync()
    {
        var chromium = SystemTools.Require("/usr/bin/chromium", "chromium");
        App.UseKestrel(0);
        App.StartServer();
        await App.ReadyAsync();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new browser context signed in as <paramref name="email"/>; 390 × 844 is a phone's screen.</summary>
    public async Task<IPage> SignedInAsync(string email, int width = 1800, int height = 1000)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("input[name='Form.Email']", email);
        await page.FillAsync("input[name='Form.Password']", InvestmentCrm.Web.Features.Demo.DemoSeeder.Password);
        var navigated = page.WaitForURLAsync(BaseUrl + "/");
        await page.ClickAsync("button[type='submit']");
        await navigated;
        return page;
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

public sealed class ProjectBoardBrowserTests(ProjectBrowserFixture browser) : IClassFixture<ProjectBrowserFixture>
{
    [Fact]
    public async Task Dragging_a_card_to_another_stage_persists_and_a_move_to_lost_asks_for_the_reason()
    {
        var page = await browser.SignedInAsync("staff1@demo.local");
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        page.PageError += (_, error) => console.Add(error);
        await page.GotoAsync("/projects/board");

        await page.DragAndDropAsync(".kanban-card[data-code='JJ2026-001']", ".kanban-column[data-stage='negotiation'] .kanban-cards");
        try
        {
            await page.WaitForSelectorAsync(".kanban[data-last-move='JJ2026-001:negotiation']", new() { Timeout = 5000 });
        }
        catch (TimeoutException)
        {
            await BrowserFixture.ScreenshotAsync(page, "project-board-failed");
            throw new InvalidOperationException("No move: " + string.Join(" | ", console) + " status: " + await page.InnerTextAsync("#board-status"));
        }
        Assert.Equal("negotiation", await browser.App.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = 'JJ2026-001'"));

        await page.ReloadAsync();
        Assert.Equal(1, await page.Locator(".kanban-column[data-stage='negotiation'] .kanban-card[data-code='JJ2026-001']").CountAsync());
        Assert.Equal(0, await page.Locator(".kanban-column[data-stage='site_visit'] .kanban-card[data-code='JJ2026-001']").CountAsync());

        await page.DragAndDropAsync(".kanban-card[data-code='JJ2026-001']", ".kanban-column[data-stage='lost'] .kanban-cards");
        try
        {
            await page.WaitForSelectorAsync("#move-dialog.show", new() { Timeout = 5000 });
        }
        catch (TimeoutException)
        {
            await BrowserFixture.ScreenshotAsync(page, "project-board-failed");
            throw new InvalidOperationException("No dialog: " + string.Join(" | ", console) + " status: " + await page.InnerTextAsync("#board-status"));
        }
        await page.ClickAsync("#move-dialog button[type='submit']");
        await page.WaitForSelectorAsync("#move-dialog [data-part=error]:has-text('原因')");
        Assert.Equal("negotiation", await browser.App.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = 'JJ2026-001'"));

        await page.FillAsync("#dlg-note", "企业决定暂缓华东布局");
        await page.ClickAsync("#move-dialog button[type='submit']");
        await page.WaitForSelectorAsync(".kanban[data-last-move='JJ2026-001:lost']");
        await page.ReloadAsync();
        await BrowserFixture.ScreenshotAsync(page, "project-board");
        Assert.Equal(1, await page.Locator(".kanban-column[data-stage='lost'] .kanban-card[data-code='JJ2026-001']").CountAsync());
        Assert.Equal("企业决定暂缓华东布局", await browser.App.ScalarAsync<string>("SELECT StageReason FROM Projects WHERE Code = 'JJ2026-001'"));
    }

    [Fact]
    public async Task A_move_back_asks_in_a_dialog_for_confirmation_and_a_reason_on_the_project_page_and_the_board()
    {
        var page = await browser.SignedInAsync("staff1@demo.local");
        await page.GotoAsync("/projects/JJ2026-006");
        Assert.Equal("", await page.InputValueAsync("#Move_ToStage"));

        await page.SelectOptionAsync("#Move_ToStage", "signed");
        await page.ClickAsync("[data-testid=move-form] button[type=submit]");
        await page.WaitForSelectorAsync("#backward-dialog.show");
        Assert.Contains("从“开工”退回到“签约”", await page.InnerTextAsync("#backward-dialog [data-part=warning]"));
        await page.ClickAsync("[data-testid=dialog-confirm-backward]");
        await page.WaitForSelectorAsync("#backward-dialog [data-part=error]:has-text('原因')");
        Assert.Equal("started", await browser.App.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = 'JJ2026-006'"));
        await BrowserFixture.ScreenshotAsync(page, "project-move-back-dialog");

        await page.FillAsync("#backward-reason", "设备到货延期，开工推迟");
        await page.ClickAsync("[data-testid=dialog-confirm-backward]");
        await page.WaitForSelectorAsync("[data-testid=stage][data-stage=signed]");
        Assert.Contains("设备到货延期，开工推迟", await page.InnerTextAsync("[data-testid=timeline] li[data-backward=true]"));

        await page.GotoAsync("/projects/board");
        await page.DragAndDropAsync(".kanban-card[data-code='JJ2026-003']", ".kanban-column[data-stage='contacted'] .kanban-cards");
        await page.WaitForSelectorAsync("#move-dialog.show");
        Assert.Contains("退回", await page.InnerTextAsync("#move-dialog [data-part=backward]"));
        await page.ClickAsync("#move-dialog button[type='submit']");
        await page.WaitForSelectorAsync("#move-dialog [data-part=error]:has-text('原因')");
        Assert.Equal("negotiation", await browser.App.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = 'JJ2026-003'"));
        await page.FillAsync("#dlg-note", "企业调整投资计划");
        await page.ClickAsync("#move-dialog button[type='submit']");
        await page.WaitForSelectorAsync(".kanban[data-last-move='JJ2026-003:contacted']");
        Assert.Equal("contacted", await browser.App.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = 'JJ2026-003'"));
    }

    [Fact]
    public async Task The_dashboard_draws_its_three_charts_from_local_scripts_in_both_languages()
    {
        var page = await browser.SignedInAsync("leader@demo.local");
        var external = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(browser.BaseUrl, StringComparison.Ordinal))
            {
                external.Add(request.Url);
            }
        };

        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("html[data-charts='3']");
        Assert.True(await page.Locator("#chart-funnel svg").CountAsync() > 0);
        Assert.Contains("实地考察", await page.InnerTextAsync("#chart-funnel"));
        await BrowserFixture.ScreenshotAsync(page, "dashboard-projects-zh");

        await page.GotoAsync("/?culture=en");
        await page.WaitForSelectorAsync("html[data-charts='3']");
        Assert.Contains("Site visit", await page.InnerTextAsync("#chart-funnel"));
        await BrowserFixture.ScreenshotAsync(page, "dashboard-projects-en");
        Assert.Empty(external);
    }
}
