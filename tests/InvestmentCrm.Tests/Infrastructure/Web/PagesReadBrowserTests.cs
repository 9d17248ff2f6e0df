using System.Text.Json;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvestmentCrm.Tests.Infrastructure.Web;

/// <summary>What only a browser shows: the funnel's labels, a label squeezed by its row, the icon request.</summary>
public sealed class PagesReadBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, int, int> Screens() => new()
    {
        { "en", 1280, 900 },
        { "en", 390, 844 },
        { "zh-CN", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Every_funnel_label_is_readable_beside_its_segment_at_desktop_and_phone_width(string culture, int width, int height)
    {
        await browser.App.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        var page = await browser.NewPageAsync(signInAs: "leader@demo.local");
        await page.SetViewportSizeAsync(width, height);

        await page.GotoAsync("/?culture=" + culture);
        await page.WaitForSelectorAsync("html[data-charts] #chart-funnel svg text");
        await BrowserFixture.ScreenshotAsync(page, $"dashboard-funnel-{culture}-{width}");

        var shape = JsonSerializer.Deserialize<FunnelShape>(await page.EvaluateAsync<string>(FunnelScript), Json)!;
        Assert.Equal(shape.Stages, shape.Labels.Count); // a label for every stage in the funnel
        var problems = new List<string>();
        foreach (var label in shape.Labels)
        {
            if (!shape.Chart.Contains(label.Box))
            {
                problems.Add($"'{label.Text}' leaves the chart");
            }

            if (label.Over > 0)
            {
                problems.Add($"'{label.Text}' is drawn over {label.Over} segment(s)");
            }

            problems.AddRange(shape.Labels.Where(o => o != label && o.Box.Overlaps(label.Box)).Select(o => $"'{label.Text}' overlaps '{o.Text}'"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public async Task The_year_label_of_the_park_page_stays_on_one_line_on_a_phone()
    {
        await browser.App.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        var page = await browser.NewPageAsync(signInAs: "leader@demo.local");
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync("/land/parks?year=2025&culture=zh-CN");
        await BrowserFixture.ScreenshotAsync(page, "land-parks-phone");

        var label = (await page.Locator("[data-testid=year-label]").BoundingBoxAsync())!;
        var lineHeight = await page.EvaluateAsync<float>("parseFloat(getComputedStyle(document.querySelector('[data-testid=year-label]')).lineHeight)");
        Assert.True(label.Height < lineHeight * 1.5, $"年度 label is {label.Width}x{label.Height}, line height {lineHeight}: it wraps");
    }

    [Fact]
    public async Task Pages_load_without_a_failed_request_and_their_icons_answer()
    {
        await browser.App.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        var page = await browser.NewPageAsync(signInAs: "admin@demo.local");
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };

        foreach (var url in new[] { "/", "/projects", "/chains/SEW/gaps", "/land/parks", "/admin/audit" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        Assert.Empty(failed);

        // Headless Chromium does not fetch icons by itself: fetch what the page links as its icons, as a browser would.
        var statuses = await page.EvaluateAsync<int[]>("() => Promise.all([...document.querySelectorAll('link[rel=icon]')].map(l => fetch(l.href).then(r => r.status)))");
        Assert.Equal([200, 200], statuses);
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The chart's box and its labels in page pixels, each label with the segments it is drawn over
    /// (a grid of points over the label tested against each filled segment's shape, not its bounding box: a
    /// funnel's segments are trapezoids).</summary>
    private const string FunnelScript = """
        () => {
          const chart = document.getElementById('chart-funnel');
          const box = e => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
          const segments = [...chart.querySelectorAll('svg path')]
            .filter(p => { const f = p.getAttribute('fill'); return f && f !== 'none' && f !== 'transparent'; });
          const over = (b, p) => {
            const toPath = p.getScreenCTM().inverse();
            for (let i = 1; i < 6; i++) for (let j = 1; j < 4; j++) {
              const pt = new DOMPoint(b.left + (b.right - b.left) * i / 6, b.top + (b.bottom - b.top) * j / 4).matrixTransform(toPath);
              if (p.isPointInFill(pt)) return true;
            }
            return false;
          };
          const labels = [...chart.querySelectorAll('svg text')].filter(t => t.textContent.trim().length > 0)
            .map(t => { const b = box(t); return { text: t.textContent, box: b, over: segments.filter(p => over(b, p)).length }; });
          const stages = JSON.parse(document.getElementById('dashboard-data').textContent).funnel.length;
          return JSON.stringify({ chart: box(chart), labels, stages });
        }
        """;

    private sealed record Box(double Left, double Top, double Right, double Bottom)
    {
        // A pixel of tolerance: anti-aliased edges of neighbours touch.
        public bool Overlaps(Box o) => Left < o.Right - 1 && o.Left < Right - 1 && Top < o.Bottom - 1 && o.Top < Bottom - 1;

        public bool Contains(Box o) => o.Left >= Left - 1 && o.Right <= Right + 1 && o.Top >= Top - 1 && o.Bottom <= Bottom + 1;
    }

    private sealed record Label(string Text, Box Box, int Over);

    private sealed record FunnelShape(Box Chart, List<Label> Labels, int Stages);
}
