using System.Text.Json;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Web;

namespace InvestmentCrm.Tests.Features.Gaps;

/// <summary>The app with the demo data plus the synthetic BULK chain of <c>seed-bulk</c>, seeded once through the command line.</summary>
public sealed class BulkGapApp() : BulkSeededApp("--chain-nodes", "200", "--chain-enterprises", "400");

/// <summary>The ranked gap table of /chains/{code}/gaps in pages of <see cref="Paging.DefaultSize"/>, in rank order,
/// with the status filter kept across pages; checked against the JSON API's ranking of the same chain.</summary>
public sealed class ChainGapPagingTests(BulkGapApp app) : IClassFixture<BulkGapApp>
{
    private const int Size = Paging.DefaultSize;

    /// <summary>The chain's gaps in rank order, as the API (one unpaged analysis) gives them.</summary>
    private static async Task<IReadOnlyList<(string Code, string Status)>> RankedAsync(TestBrowser browser)
    {
        var json = JsonDocument.Parse(await browser.Client.GetStringAsync("/api/chains/BULK/gaps")).RootElement;
        return json.GetProperty("nodes").EnumerateArray()
            .Where(n => n.GetProperty("rank").ValueKind == JsonValueKind.Number)
            .OrderBy(n => n.GetProperty("rank").GetInt32())
            .Select(n => (n.GetProperty("code").GetString()!, n.GetProperty("status").GetString()!))
            .ToList();
    }

    private static List<string> Codes(IDocument page) =>
        page.QuerySelectorAll("[data-testid=gap-table] tbody tr").Select(r => r.GetAttribute("data-node")!).ToList();

    private static List<int> Ranks(IDocument page) =>
        page.QuerySelectorAll("[data-testid=gap-table] tbody tr [data-field=rank]").Select(td => int.Parse(td.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static string PagerText(IDocument page) => page.QuerySelector("nav.d-flex > span.text-muted")!.TextContent.Trim();

    private static string Link(IDocument page, string rel) => page.QuerySelector($".pagination a[rel={rel}]")!.GetAttribute("href")!;

    [Fact]
    public async Task A_chain_with_more_gaps_than_a_page_shows_the_first_ranks_and_a_pager_whose_next_page_has_the_next_ranks()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var ranked = await RankedAsync(staff);
        Assert.True(ranked.Count > 2 * Size, $"BULK has only {ranked.Count} gaps");
        var pages = (ranked.Count + Size - 1) / Size;

        var first = await staff.PageAsync("/chains/BULK/gaps");

        Assert.Equal(Enumerable.Range(1, Size), Ranks(first));
        Assert.Equal(ranked.Take(Size).Select(r => r.Code), Codes(first));
        Assert.Equal($"第 1 / {pages} 页，共 {ranked.Count} 条", PagerText(first));
        Assert.Equal("下一页", first.QuerySelector(".pagination a[rel=next]")!.TextContent.Trim());
        Assert.Equal("/chains/BULK/gaps?p=2", Link(first, "next"));

        var second = await staff.PageAsync(Link(first, "next"));

        Assert.Equal(Enumerable.Range(Size + 1, Size), Ranks(second));
        Assert.Equal(ranked.Skip(Size).Take(Size).Select(r => r.Code), Codes(second));
        Assert.Equal($"第 2 / {pages} 页，共 {ranked.Count} 条", PagerText(second));
        Assert.Equal("/chains/BULK/gaps?p=1", Link(second, "prev"));
        // The diagram and the status counts still cover the whole chain, not the page.
        Assert.Equal(200, second.QuerySelectorAll("[data-testid=status-counts] a").Sum(a => int.Parse(a.TextContent.Trim().Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Status_filter_and_page_combine_in_english_and_the_pager_keeps_the_filter()
    {
        using var staff = await app.SignedInAsync("staff2@demo.local", culture: "en");
        var weak = (await RankedAsync(staff)).Where(r => r.Status == "weak").ToList();
        Assert.True(weak.Count > Size, $"BULK has only {weak.Count} weak links");
        var pages = (weak.Count + Size - 1) / Size;

        var second = await staff.PageAsync("/chains/BULK/gaps?status=weak&p=2");

        Assert.Equal(weak.Skip(Size).Take(Size).Select(r => r.Code), Codes(second));
        Assert.All(second.QuerySelectorAll("[data-testid=gap-table] tbody tr"), r => Assert.Equal("weak", r.GetAttribute("data-status")));
        Assert.Equal($"Page 2 of {pages}, {weak.Count} in total", PagerText(second));
        Assert.Equal("/chains/BULK/gaps?status=weak&p=1", Link(second, "prev"));
        Assert.Equal("Previous", second.QuerySelector(".pagination a[rel=prev]")!.TextContent.Trim());

        // Choosing another status starts again at its first page.
        var missingLink = second.QuerySelectorAll("nav.nav-pills a").Single(a => a.GetAttribute("href") == "?status=missing");
        var missing = await staff.PageAsync("/chains/BULK/gaps" + missingLink.GetAttribute("href"));
        Assert.StartsWith("Page 1 of ", PagerText(missing));
        Assert.All(missing.QuerySelectorAll("[data-testid=gap-table] tbody tr"), r => Assert.Equal("missing", r.GetAttribute("data-status")));
    }

    [Fact]
    public async Task A_page_past_the_end_shows_the_last_page_and_a_small_chain_fits_on_one()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var ranked = await RankedAsync(staff);
        var pages = (ranked.Count + Size - 1) / Size;

        var past = await staff.PageAsync("/chains/BULK/gaps?p=999");

        Assert.Equal(ranked.Skip((pages - 1) * Size).Select(r => r.Code), Codes(past));
        Assert.Equal($"第 {pages} / {pages} 页，共 {ranked.Count} 条", PagerText(past));
        Assert.NotNull(past.QuerySelector(".pagination li.disabled a[rel=next]"));

        var sew = await staff.PageAsync("/chains/SEW/gaps?p=abc");
        Assert.StartsWith("第 1 / 1 页", PagerText(sew));
        Assert.Equal(1, Ranks(sew)[0]);
    }
}
