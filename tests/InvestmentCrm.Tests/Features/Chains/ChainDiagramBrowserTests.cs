using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Chains;

public sealed class ChainDiagramBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_chain_diagram_draws_every_node_inside_the_page_without_overlaps()
    {
        var page = await browser.NewPageAsync(signInAs: "leader@demo.local");

        await page.GotoAsync("/chains/SEW");
        var boxes = await page.EvalOnSelectorAllAsync<double[][]>(
            "svg [data-node] rect",
            "rects => rects.map(r => { const b = r.getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; })");
        await BrowserFixture.ScreenshotAsync(page, "chain-sew");

        Assert.Equal(27, await page.Locator("svg [data-node]").CountAsync());
        Assert.All(boxes, b => Assert.True(b[2] > 20 && b[3] > 10));
        for (var i = 0; i < boxes.Length; i++)
        {
            for (var j = i + 1; j < boxes.Length; j++)
            {
                var (a, c) = (boxes[i], boxes[j]);
                var overlap = a[0] < c[0] + c[2] - 1 && c[0] < a[0] + a[2] - 1 && a[1] < c[1] + c[3] - 1 && c[1] < a[1] + a[3] - 1;
                Assert.False(overlap, $"boxes {i} and {j} overlap");
            }
        }
    }
}
