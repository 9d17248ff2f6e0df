using System.Globalization;
using System.Net;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Land;

/// <summary>The land pages through HTTP on the demo data (14 local enterprises × 2024/2025, six demo projects).</summary>
public sealed class LandPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>The demo data (enterprises, projects, parks, land records) as the demo seeder loads it.</summary>
    private async Task DemoAsync()
    {
        using var _ = app.CreateClient();
        await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    private static decimal Number(string text) => decimal.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_demo_year_2025_is_graded_with_three_a_seven_b_three_c_and_one_d_and_the_settings_beside_it()
    {
        await DemoAsync();
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var page = await staff.PageAsync("/land");

        Assert.Contains("2025", page.QuerySelector("h1")!.TextContent);
        var rows = page.QuerySelectorAll("table[data-testid=graded] tbody tr");
        Assert.Equal(14, rows.Length);
        Assert.Equal("AAABBBBBBBCCCD", string.Concat(rows.Select(r => r.GetAttribute("data-grade"))));
        var scores = rows.Select(r => decimal.Parse(r.GetAttribute("data-score")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal("0.4", page.QuerySelector("[data-testid=land-settings] [data-weight=tax]")!.TextContent.Trim());
        Assert.Equal("3", page.QuerySelector("[data-testid=land-settings] [data-testid=cap]")!.TextContent.Trim());
        Assert.Contains("亩均税收", page.QuerySelector("table[data-testid=graded] thead")!.TextContent);
        Assert.Null(page.QuerySelector("a[href='/land/import']"));
        Assert.NotNull(page.QuerySelector("nav a.nav-link.active[href='/land']"));
    }

    [Fact]
    public async Task The_land_page_reads_in_english()
    {
        await DemoAsync();
        using var leader = await app.SignedInAsync("leader@demo.local", culture: "en");

        var page = await leader.PageAsync("/land?year=2024");

        Assert.Contains("Land efficiency · 2024", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Tax per mu", page.QuerySelector("table[data-testid=graded] thead")!.TextContent);
        Assert.Contains("A (priority support)", page.QuerySelector("[data-testid=distribution]")!.TextContent);
        Assert.Contains("capped at 3 times", page.QuerySelector("[data-testid=land-settings]")!.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/land/import']"));
    }

    [Fact]
    public async Task Filters_by_grade_and_name_and_sorting_by_tax_per_mu()
    {
        await DemoAsync();
        using var staff = await app.SignedInAsync("staff2@demo.local");

        var d = await staff.PageAsync("/land?year=2025&grade=D");
        var byName = await staff.PageAsync("/land?year=2025&q=" + Uri.EscapeDataString("飞跃"));
        var byTax = await staff.PageAsync("/land?year=2025&sort=-tax");

        Assert.Equal("D", Assert.Single(d.QuerySelectorAll("table[data-testid=graded] tbody tr")).GetAttribute("data-grade"));
        Assert.Equal("91331002MA20301K2K", Assert.Single(byName.QuerySelectorAll("table[data-testid=graded] tbody tr")).GetAttribute("data-uscc"));
        var taxes = byTax.QuerySelectorAll("table[data-testid=graded] tbody td[data-col=tax]").Select(td => Number(td.TextContent)).ToList();
        Assert.Equal(taxes.OrderDescending(), taxes);
        var none = await staff.PageAsync("/land?year=2025&q=nosuchenterprise");
        Assert.NotNull(none.QuerySelector("[data-testid=no-results]"));
    }

    [Fact]
    public async Task A_year_without_records_says_so_and_names_the_years_with_data()
    {
        await DemoAsync();
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var page = await staff.PageAsync("/land?year=2010");

        var alert = page.QuerySelector("[data-testid=no-year]")!;
        Assert.Contains("2010 年没有亩均效益数据", alert.TextContent);
        Assert.NotNull(alert.QuerySelector("a[href='/land?year=2025']"));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/land/export?year=2010")).StatusCode);
    }

    [Fact]
    public async Task Parks_show_their_land_the_freeable_d_land_and_the_land_needed_by_projects_on_their_chains()
    {
        await DemoAsync();
        using var leader = await app.SignedInAsync("leader@demo.local");

        var page = await leader.PageAsync("/land/parks?year=2025");

        // Expected from the demo files: the sewing-machine makers (industry 3553) are in the sewing park.
        var sewing = LandSamples.Embedded("Demo/demo-enterprises.csv").Rows
            .Where(r => r.Values["kind"] == "local" && r.Values["industry_code"] == "3553").Select(r => r.Values["uscc"]).ToHashSet();
        var land2025 = LandSamples.Embedded("Demo/demo-land.csv").Rows.Where(r => r.Values["year"] == "2025")
            .ToDictionary(r => r.Values["uscc"], r => decimal.Parse(r.Values["land_mu"], CultureInfo.InvariantCulture));
        var gapNodes = (await app.Services.CreateScope().ServiceProvider.GetRequiredService<InvestmentCrm.Web.Features.Gaps.GapAnalyser>().AnalyseAsync("SEW", listProjectsFor: null, default))!
            .Nodes.Where(n => n.Rank is not null).Select(n => "SEW:" + n.Code).ToHashSet();
        var active = LandSamples.Embedded("Demo/demo-projects.csv").Rows
            .Where(r => r.Values["stage"] is not ("in_production" or "on_hold" or "lost"))
            .Where(r => r.Values["target_nodes"].Split(';').Any(gapNodes.Contains)).ToList();
        Assert.NotEmpty(active);
        Assert.True(active.Count < 6, "the covered links' projects (飞跃's own expansion) do not count");
        var needed = active.Sum(r => decimal.Parse(r.Values["land_mu"], CultureInfo.InvariantCulture));
        var sewingRow = page.QuerySelector($"tr[data-park='{LandDemo.SewingPark}']")!;
        var zoneRow = page.QuerySelector($"tr[data-park='{LandDemo.DefaultPark}']")!;
        Assert.Equal(land2025.Where(l => sewing.Contains(l.Key)).Sum(l => l.Value), Number(sewingRow.QuerySelector("[data-col=land]")!.TextContent));
        Assert.Equal(land2025.Where(l => !sewing.Contains(l.Key)).Sum(l => l.Value), Number(zoneRow.QuerySelector("[data-col=land]")!.TextContent));
        foreach (var row in new[] { sewingRow, zoneRow })
        {
            Assert.Equal(Number(row.QuerySelector("[data-col=land-D]")!.TextContent), Number(row.QuerySelector("[data-col=freeable]")!.TextContent));
            Assert.Equal(needed, Number(row.QuerySelector("[data-col=needed]")!.TextContent));
            Assert.NotEqual("—", row.QuerySelector("[data-col=tax-yoy]")!.TextContent.Trim());
        }

        var graded = await leader.PageAsync("/land?year=2025&grade=D");
        var dUscc = graded.QuerySelector("table[data-testid=graded] tbody tr")!.GetAttribute("data-uscc")!;
        var dRow = sewing.Contains(dUscc) ? sewingRow : zoneRow;
        Assert.Equal(land2025[dUscc], Number(dRow.QuerySelector("[data-col=freeable]")!.TextContent));
        // Each active gap project once per park.
        Assert.Equal(active.Select(r => r.Values["code"]).Order(), page.QuerySelectorAll($"table[data-testid=projects] tr[data-park='{LandDemo.SewingPark}']").Select(r => r.GetAttribute("data-project")!).Order());
    }

    [Fact]
    public async Task The_demo_step_puts_sewing_machine_makers_into_the_sewing_park_and_seeding_again_changes_nothing()
    {
        await DemoAsync();
        var before = (await ChainSamples.CountAsync(app.Db, "LandRecords"), await ChainSamples.CountAsync(app.Db, "AuditLog"));

        await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();

        Assert.Equal((28L, before.Item2), (await ChainSamples.CountAsync(app.Db, "LandRecords WHERE Year IN (2024, 2025)"), await ChainSamples.CountAsync(app.Db, "AuditLog")));
        var park = await app.Db.ExecuteScalarAsync<string>("SELECT p.Name FROM Enterprises e JOIN Parks p ON p.Id = e.ParkId WHERE e.Uscc = '91331002MA20301K2K'");
        Assert.Equal(LandDemo.SewingPark, park);
        Assert.Equal(0, await ChainSamples.CountAsync(app.Db, "Enterprises WHERE Kind = 'local' AND ParkId IS NULL"));
    }

    [Fact]
    public async Task The_enterprise_trend_shows_both_years_with_grade_and_change()
    {
        await DemoAsync();
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var id = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Enterprises WHERE Uscc = '91331002MA20301K2K'");

        var page = await staff.PageAsync($"/land/enterprises/{id}");

        var trend = page.QuerySelector("[data-testid=land-trend]")!;
        Assert.Equal(["2024", "2025"], trend.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-year")));
        // 飞跃: tax 9629 → 14548 on 552 mu, +51.1 %
        Assert.Contains("+51.1", trend.QuerySelector("tr[data-year='2025'] [data-col=tax-yoy]")!.TextContent);
        Assert.NotNull(trend.QuerySelector("[data-land-trend]"));
        var prospect = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Enterprises WHERE Kind = 'prospect'");
        Assert.NotNull((await staff.PageAsync($"/land/enterprises/{prospect}")).QuerySelector("[data-testid=land-trend-empty]"));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/land/enterprises/999999")).StatusCode);

        var details = await staff.PageAsync($"/enterprises/{id}");
        Assert.Equal(["2024", "2025"], details.QuerySelectorAll("[data-testid=land-trend] tbody tr").Select(r => r.GetAttribute("data-year")));
        Assert.Null((await staff.PageAsync($"/enterprises/{prospect}")).QuerySelector("[data-testid=land-trend]"));
    }

    [Fact]
    public async Task Export_gives_the_graded_list_as_csv()
    {
        await DemoAsync();
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var response = await staff.GetAsync("/land/export?year=2025");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(15, lines.Length);
        Assert.StartsWith("rank,grade,score,uscc,name,park,land_mu,tax_per_mu", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("1,A,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",D,", lines[14], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_with_a_bad_row_lists_problems_by_line_and_writes_nothing_then_a_good_file_updates()
    {
        await DemoAsync();
        using var leader = await app.SignedInAsync("leader@demo.local");
        var before = await ChainSamples.CountAsync(app.Db, "LandRecords");
        var prospect = await app.Db.ExecuteScalarAsync<string>("SELECT Uscc FROM Enterprises WHERE Kind = 'prospect'");

        var bad = await leader.UploadAsync("land.csv", LandSamples.Header + $"\n91331002MA27E02K70,2023,183,130000,3000,,,,\n{prospect},2023,10,100,10,,,,\n{UsccTestHelper.Make(77)},2023,10,100,10,,,,\n91331002MA27E02K70,2023,1,1,1,,,,\n", "/land/import");

        var problems = bad.QuerySelectorAll("[data-testid=problems] tbody tr");
        Assert.Equal(
            [("3", "Import.Error.NotLocalEnterprise"), ("4", "Import.Error.UnknownEnterprise"), ("5", "Import.Error.DuplicateLandRecord")],
            problems.Select(p => (p.GetAttribute("data-line")!, p.GetAttribute("data-problem")!)));
        Assert.Contains("不是在地企业", problems[0].TextContent);
        Assert.Equal(before, await ChainSamples.CountAsync(app.Db, "LandRecords"));

        var good = await leader.UploadAsync("land.csv", LandSamples.Header + "\n91331002MA27E02K70,2023,183,130000,3000,,,,\n", "/land/import");

        Assert.NotNull(good.QuerySelector("[data-testid=summary]"));
        Assert.Equal(before + 1, await ChainSamples.CountAsync(app.Db, "LandRecords"));
        var wrongType = await leader.UploadAsync("land.txt", "x", "/land/import");
        Assert.Contains("无法读取“land.txt”：请上传 .csv / .xlsx 文件", wrongType.QuerySelector("[data-testid=file-error]")!.TextContent);
    }

    [Fact]
    public async Task A_reimported_record_shows_its_new_figures_at_once()
    {
        await DemoAsync();
        using var leader = await app.SignedInAsync("leader@demo.local");
        const string Fulong = "91331002MA21910KGH";
        var before = await leader.PageAsync("/land?year=2024&q=" + Fulong);
        Assert.Equal(528m / 57m, Number(before.QuerySelector($"tr[data-uscc='{Fulong}'] [data-col=tax]")!.TextContent), 2);

        var summary = await leader.UploadAsync("land.csv", LandSamples.Header + $"\n{Fulong},2024,57,23000,5700,28255,350,249,515\n", "/land/import");
        Assert.Contains("1", summary.QuerySelector("[data-testid=summary]")!.TextContent);

        var after = await leader.PageAsync("/land?year=2024&q=" + Fulong);
        Assert.Equal(100m, Number(after.QuerySelector($"tr[data-uscc='{Fulong}'] [data-col=tax]")!.TextContent));
    }

    [Fact]
    public async Task Staff_may_not_upload_or_change_settings()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");

        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/land/import")).StatusCode);
        Assert.Contains("accessdenied", (await staff.GetAsync("/land/settings")).Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
