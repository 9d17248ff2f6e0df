using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Land;

/// <summary>The land charts (ECharts from wwwroot/lib) draw in a real browser, in both languages.</summary>
public sealed class LandChartsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task DemoAsync()
    {
        await browser.App.Services.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    [Fact]
    public async Task The_park_chart_and_the_enterprise_trend_chart_draw_a_canvas()
    {
        await DemoAsync();
        var page = await browser.NewPageAsync(signInAs: "leader@demo.local");

        await page.GotoAsync("/land/parks?year=2025&culture=en");
        await page.WaitForSelectorAsync("#land-park-chart[data-rendered=true] canvas");
        await BrowserFixture.ScreenshotAsync(page, "land-parks");

        var box = await page.Locator("#land-park-chart canvas").First.BoundingBoxAsync();
        Assert.True(box is { Width: > 300, Height: > 200 }, $"chart box {box?.Width}x{box?.Height}");
        Assert.Contains("Land efficiency by park", await page.TitleAsync());

        var id = await browser.App.Db.ExecuteScalarAsync<long>("SELECT Id FROM Enterprises WHERE Uscc = '91331002MA20301K2K'");
        await page.GotoAsync($"/land/enterprises/{id}?culture=zh-CN");
        await page.WaitForSelectorAsync("[data-land-trend][data-rendered=true] canvas");
        await BrowserFixture.ScreenshotAsync(page, "land-trend");
        Assert.Equal(2, await page.Locator("[data-testid=land-trend] tbody tr").CountAsync());

        await page.GotoAsync("/land?year=2025");
        await BrowserFixture.ScreenshotAsync(page, "land-graded");
        Assert.Equal(14, await page.Locator("table[data-testid=graded] tbody tr").CountAsync());
    }
}
