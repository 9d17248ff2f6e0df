using System.Net;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>/enterprises and its exports through HTTP, on the demo data (20 enterprises of demo-enterprises.csv).</summary>
public sealed class EnterpriseListPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly IReadOnlyList<TabularRow> Demo = ImportTestFiles.ReadCsvText(EnterpriseSamples.DemoCsv()).Rows;

    private static HashSet<string> DemoWhere(Func<IReadOnlyDictionary<string, string>, bool> match) =>
        [.. Demo.Where(r => match(r.Values)).Select(r => r.Values["uscc"])];

    private static HashSet<string> Usccs(IDocument page) =>
        [.. page.QuerySelectorAll("table[data-testid=enterprises] tbody tr").Select(tr => tr.GetAttribute("data-uscc")!)];

    [Fact]
    public async Task The_list_shows_the_demo_registry_and_its_menu_item_is_lit()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var page = await staff.PageAsync("/enterprises?node=SEW");

        Assert.Equal(DemoWhere(_ => true), Usccs(page));
        var yina = page.QuerySelector("tr[data-uscc='91330110MA25215KAT']")!;
        Assert.Contains("浙江衣拿智能科技有限公司", yina.TextContent);
        Assert.Contains("目标企业", yina.TextContent);
        Assert.Contains("80,000", yina.TextContent);
        var menu = page.QuerySelector("a.nav-link.active[href='/enterprises']");
        Assert.NotNull(menu);
        Assert.Equal("企业库", menu.TextContent.Trim());
    }

    [Theory]
    [InlineData("kind=prospect")]
    [InlineData("node=SEW:HANG")]
    [InlineData("qualification=listed")]
    [InlineData("region=上海市/上海市")]
    [InlineData("q=吊挂")]
    [InlineData("q=91331002")]
    [InlineData("kind=local&qualification=high_tech")]
    public async Task Each_filter_shows_exactly_the_matching_demo_enterprises(string query)
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var expected = DemoWhere(row => query.Split('&').All(part =>
        {
            var (key, value) = (part.Split('=')[0], part.Split('=')[1]);
            return key switch
            {
                "kind" => row["kind"] == value,
                "node" => row["chain_nodes"].Split(';').Contains(value),
                "qualification" => row["qualifications"].Split(';').Contains(value),
                "region" => row["province"] + "/" + row["city"] == value,
                "q" => row["name"].Contains(value, StringComparison.Ordinal) || row["main_products"].Contains(value, StringComparison.Ordinal) || row["uscc"].StartsWith(value, StringComparison.Ordinal),
                _ => throw new ArgumentException(key),
            };
        }));

        // node=SEW (every demo enterprise) keeps out what other tests of this class add.
        var page = await staff.PageAsync("/enterprises?" + (query.StartsWith("node=", StringComparison.Ordinal) ? query : "node=SEW&" + query));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, Usccs(page));
    }

    [Fact]
    public async Task The_local_count_of_a_chain_node_links_to_its_local_enterprises()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var chain = await staff.PageAsync("/chains/SEW");
        var link = chain.QuerySelector("tr#node-INDSEW a[data-testid=local-enterprises]")!;

        var page = await staff.PageAsync(link.GetAttribute("href")!);

        var expected = DemoWhere(r => r["kind"] == "local" && r["chain_nodes"].Split(';').Contains("SEW:INDSEW"));
        Assert.Equal(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), link.TextContent.Trim());
        Assert.Equal(expected, Usccs(page));
    }

    [Fact]
    public async Task An_unknown_chain_node_says_so_and_lists_nothing()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local", culture: "en");

        var page = await staff.PageAsync("/enterprises?node=SEW:NOPE");

        Assert.Contains("There is no chain node \"SEW:NOPE\"", page.QuerySelector("[data-testid=unknown-node]")!.TextContent);
        Assert.Empty(Usccs(page));
    }

    [Fact]
    public async Task Paging_and_sorting_by_revenue_walk_through_every_enterprise_once_in_order()
    {
        var rows = Enumerable.Range(500, 60).Select(n => (IReadOnlyDictionary<string, string>)EnterpriseSamples.Row(n, nodes: "").With(
            ("name", $"分页测试企业{n}有限公司"), ("main_products", "分页测试产品"), ("province", "测试省"), ("city", "测试市"), ("qualifications", ""),
            ("annual_revenue_wan", ((n * 37) % 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        await app.WithImporterAsync(writer => writer.ImportCsvAsync(EnterpriseSamples.Csv(rows)));
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var seen = new List<string>();
        for (var p = 1; p <= 3; p++)
        {
            var page = await staff.PageAsync($"/enterprises?q=分页测试&sort=-revenue&p={p}");
            seen.AddRange(page.QuerySelectorAll("tbody tr").Select(tr => tr.GetAttribute("data-uscc")!));
            Assert.Contains("共 60 条", page.QuerySelector("nav[aria-label] span")!.TextContent);
        }

        var revenueOf = rows.ToDictionary(r => r["uscc"], r => decimal.Parse(r["annual_revenue_wan"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(60, seen.Distinct().Count());
        Assert.Equal(revenueOf.OrderByDescending(r => r.Value).Select(r => r.Value), seen.Select(u => revenueOf[u]));
        var beyond = await staff.PageAsync("/enterprises?q=分页测试&p=9");
        Assert.NotNull(beyond.QuerySelector("[data-testid=no-results]"));
    }

    [Fact]
    public async Task Export_of_the_filtered_list_gives_the_import_format_in_csv_and_xlsx()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var list = await staff.PageAsync("/enterprises?node=SEW:HANG");
        var expected = DemoWhere(r => r["chain_nodes"].Split(';').Contains("SEW:HANG"));

        foreach (var (selector, fileName) in new[] { ("a[data-testid=export-csv]", "x.csv"), ("a[data-testid=export-xlsx]", "x.xlsx") })
        {
            var response = await staff.GetAsync(list.QuerySelector(selector)!.GetAttribute("href")!);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var file = ImportTestFiles.ReadBytes(await response.Content.ReadAsByteArrayAsync(), fileName);
            Assert.Empty(file.Problems);
            Assert.Equal(EnterpriseImport.Header, file.Header);
            Assert.Equal(expected, file.Rows.Select(r => r.Values["uscc"]).ToHashSet());
            var yina = file.Rows.Single(r => r.Values["uscc"] == "91330110MA25215KAT").Values;
            Assert.Equal(("浙江衣拿智能科技有限公司", "SEW:HANG", "high_tech;srdi", "80000"), (yina["name"], yina["chain_nodes"], yina["qualifications"], yina["annual_revenue_wan"]));
        }
    }

    [Fact]
    public async Task The_list_is_in_english_with_culture_en()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local", culture: "en");

        var page = await staff.PageAsync("/enterprises?node=SEW:HANG");

        Assert.Equal("Enterprises", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Prospect", page.QuerySelector("tr[data-uscc='91330110MA25215KAT']")!.TextContent);
        Assert.Contains("Intelligent hanging systems (SEW:HANG)", page.QuerySelector("[data-picker-current]")!.TextContent);
        Assert.Equal("SEW:HANG", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input#node")!.Value);
    }
}
