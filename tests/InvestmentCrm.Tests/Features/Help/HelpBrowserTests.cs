using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Help;

/// <summary>The help as a phone shows it: wide tables and code blocks scroll inside the document instead of making
/// the whole page wider than the screen.</summary>
public sealed class HelpBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Help_pages_fit_a_phone_screen(string culture)
    {
        await browser.App.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        var page = await browser.NewPageAsync(signInAs: "staff1@demo.local");
        await page.SetViewportSizeAsync(390, 844);

        foreach (var topic in new[] { "import-formats", "uscc", "gap-model", "land-model" })
        {
            await page.GotoAsync($"/help/{topic}?culture={culture}");
            await page.WaitForSelectorAsync("[data-testid=help-doc] h1");
            await BrowserFixture.ScreenshotAsync(page, $"help-{topic}-{culture}-phone");

            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"/help/{topic} ({culture}) is {widths[0]} px wide on a {widths[1]} px screen");
        }
    }
}
