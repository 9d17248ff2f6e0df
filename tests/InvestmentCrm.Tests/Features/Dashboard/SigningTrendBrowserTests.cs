using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvestmentCrm.Tests.Features.Dashboard;

/// <summary>The signing trend on the demo's dashboard in a real browser: drawn without script, with the demo's target
/// line, as wide as its card at desktop width and at 390 px without making the page scroll sideways.</summary>
public sealed class SigningTrendBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(1280, 900, "dashboard-trend-desktop")]
    [InlineData(390, 844, "dashboard-trend-390")]
    public async Task The_chart_fits_its_card_and_the_page_at_desktop_width_and_on_a_phone(int width, int height, string screenshot)
    {
        await browser.App.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        var page = await browser.NewPageAsync(signInAs: "leader@demo.local");
        await page.SetViewportSizeAsync(width, height);

        await page.GotoAsync("/");
        var chart = page.Locator("svg[data-testid=trend-chart]");
        await chart.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, screenshot);

        // As wide as its column (beside the tables at desktop width, the whole card on a phone), and tall enough to read.
        var column = await chart.EvaluateAsync<double>(
            "svg => { const p = svg.parentElement, s = getComputedStyle(p); return p.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }");
        var card = await page.Locator("[data-testid=signing-trend]").BoundingBoxAsync();
        var box = await chart.BoundingBoxAsync();
        Assert.True(box is not null && card is not null && box.Width >= column - 1 && box.Width > card.Width * (width > 900 ? 0.5 : 0.85)
            && box.Height > 150, $"chart {box?.Width}x{box?.Height} in a column {column} of a card {card?.Width} wide");
        // The demo's targets (Demo/TargetsDemo) give the line; the total series is drawn from 0.
        Assert.Equal(1, await page.Locator("[data-testid=trend-target-line]").CountAsync());
        Assert.Equal(1, await page.Locator("svg polyline[data-series=total]").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways");
        // Twelve month labels, none of them overlapping the next.
        var labels = await page.Locator(".trend-axis text").AllAsync();
        Assert.Equal(12, labels.Count);
        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var label in labels)
        {
            boxes.Add((await label.BoundingBoxAsync())!);
        }

        Assert.All(boxes.Zip(boxes.Skip(1)), pair => Assert.True(pair.First.X + pair.First.Width <= pair.Second.X + 0.5, "month labels overlap"));
    }
}
