using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Reports;
using InvestmentCrm.Web.Features.Reports.ChainGap;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Reports;

/// <summary>
/// The chain-gap report (产业链缺口分析报告) on the Jiaojiang demo data, printed by the real Chromium and read back with
/// pdftotext: HANG (智能吊挂系统) is gap #1, with its reasons, the covering project JJ2026-001 and the recommended
/// target 上海瑞晟吊挂系统有限公司; the monthly job, the command line and the gaps page's download.
/// </summary>
public sealed class ChainGapReportTests(ChainGapReportTests.Fixture fixture) : IClassFixture<ChainGapReportTests.Fixture>
{
    public sealed class Fixture : PdfAppFixture;

    private static readonly string Artifacts = PdfTools.Artifacts;

    [Fact]
    public async Task Chinese_report_ranks_hanging_systems_first_with_reasons_projects_and_targets_then_english_shows_the_change()
    {
        await ForgetReportSnapshotsAsync();

        var zh = await RenderToTextAsync("zh-CN", "chain-gap-zh-CN");

        Assert.Contains("缝制设备产业链", zh, StringComparison.Ordinal);
        Assert.Contains("产业链缺口分析报告", zh, StringComparison.Ordinal);
        Assert.Contains("内部资料", zh, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s*1\s+智能吊挂系统", zh); // rank 1 in the ranked table
        Assert.Contains("补链", zh, StringComparison.Ordinal);
        Assert.Contains("61,000", zh, StringComparison.Ordinal); // the reason: its unmet local demand
        Assert.Contains("JJ2026-001", zh, StringComparison.Ordinal);
        Assert.Contains("上海瑞晟吊挂系统有限公司", zh, StringComparison.Ordinal);
        Assert.Contains("这是本产业链的第一份报告", zh, StringComparison.Ordinal);
        var png = await RenderFirstPageAsync(Path.Combine(Artifacts, "chain-gap-zh-CN.pdf"), "chain-gap-zh-CN-page");
        Assert.True(new FileInfo(png).Length > 10_000, "the page image is not blank");

        var en = await RenderToTextAsync("en", "chain-gap-en");

        Assert.Contains("Chain-gap report: Sewing equipment", en, StringComparison.Ordinal);
        Assert.Contains("Ranked gaps and reasons", en, StringComparison.Ordinal);
        Assert.Contains("Recommended targets", en, StringComparison.Ordinal);
        Assert.Contains("Change since the previous report", en, StringComparison.Ordinal);
        Assert.Contains("The previous report was generated", en, StringComparison.Ordinal);
        Assert.Contains("上海瑞晟吊挂系统有限公司", en, StringComparison.Ordinal); // company names are kept
        Assert.Contains("JJ2026-001", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_with_its_chain_diagram_embeds_brief_sc_with_no_type3_font_and_stays_under_50_kb_a_page()
    {
        var pdf = await PdfTools.GenerateAsync(fixture.App, DocumentKinds.ChainGap, "SEW", "zh-CN", "chain-gap-zh-CN-fonts");

        // The diagram's SVG names web fonts for the browser; the print stylesheet must override them too.
        await PdfTools.AssertEmbedsBriefScWithoutType3Async(pdf);
        // The brief's budget (100 KB for two pages) per page: with Noto's Type 3 glyphs a page took about 150 KB.
        var pages = await PdfTools.PageCountAsync(pdf);
        var size = new FileInfo(pdf).Length;
        Assert.True(size < pages * 50 * 1024, $"a {pages}-page chain-gap report is {size:N0} bytes");
    }

    [Fact]
    public async Task Report_html_encodes_company_names()
    {
        await fixture.App.Db.ExecuteAsync("UPDATE Enterprises SET Name = Name || ' <b>&</b>' WHERE Name = '上海瑞晟吊挂系统有限公司'");
        try
        {
            using var scope = fixture.App.Services.CreateScope();
            var generator = scope.ServiceProvider.GetServices<IDocumentGenerator>().OfType<ChainGapGenerator>().Single();

            var document = await generator.RenderAsync("SEW", "zh-CN", SampleStamps.CreatedUtc, CancellationToken.None);

            Assert.NotNull(document);
            Assert.Contains("上海瑞晟吊挂系统有限公司 &lt;b&gt;&amp;&lt;/b&gt;", document.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>&</b>", document.Html, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.App.Db.ExecuteAsync("UPDATE Enterprises SET Name = '上海瑞晟吊挂系统有限公司' WHERE Name LIKE '上海瑞晟吊挂系统有限公司 %'");
        }
    }

    [Fact]
    public async Task Monthly_job_stores_one_report_per_chain_and_culture_and_a_second_run_in_the_month_stores_none()
    {
        using var scope = fixture.App.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<ChainGapReports>();
        var chains = await fixture.App.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Chains", null);
        var before = await ScheduledCountAsync();

        await reports.GenerateMonthlyAsync(CancellationToken.None);
        var afterFirst = await ScheduledCountAsync();
        var storedAgain = await reports.GenerateMonthlyAsync(CancellationToken.None);

        Assert.Equal(chains * ChainGapReports.MonthlyCultures.Count, afterFirst);
        Assert.True(before == 0 || before == afterFirst, "a previous run stored the same month");
        Assert.Equal(0, storedAgain);
        Assert.Equal(afterFirst, await ScheduledCountAsync());
        var perChain = await fixture.App.Db.QueryAsync<long>(
            "SELECT COUNT(*) FROM Documents WHERE Kind = 'chain_gap' AND TriggeredBy = 'schedule' GROUP BY Subject, Culture", null);
        Assert.All(perChain, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task Gaps_page_offers_the_latest_report_and_its_generation_to_leaders_and_admins_only()
    {
        using (var scope = fixture.App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ChainGapReports>().GenerateMonthlyAsync(CancellationToken.None);
        }

        // The report names every team's projects: a leadership document. Staff get neither the button, nor the
        // file by its address, nor a line in the report list.
        var stored = await fixture.App.Db.QueryAsync<long>("SELECT Id FROM Documents WHERE Kind = 'chain_gap' ORDER BY Id", null);
        Assert.NotEmpty(stored);
        using var staff = await fixture.App.SignedInAsync("staff1@demo.local");
        var staffPage = await staff.PageAsync("/chains/SEW/gaps");
        Assert.Null(staffPage.QuerySelector("[data-testid=chain-gap-generate]"));
        Assert.Null(staffPage.QuerySelector("[data-testid=chain-gap-download]"));
        Assert.Null(staffPage.QuerySelector("[data-testid=chain-gap-none]"));
        foreach (var id in stored)
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await staff.GetAsync($"/reports/{id}/download")).StatusCode);
        }

        var staffList = await staff.PageAsync("/reports?kind=chain_gap");
        Assert.DoesNotContain("缝制设备产业链", staffList.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(staffList.QuerySelector("select#kind option[value=chain_gap]"));

        foreach (var email in new[] { "leader@demo.local", "admin@demo.local" })
        {
            using var reader = await fixture.App.SignedInAsync(email);
            var href = (await reader.PageAsync("/chains/SEW/gaps")).QuerySelector("[data-testid=chain-gap-download]")!.GetAttribute("href")!;
            var download = await reader.GetAsync(href);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync(), 0, 4), StringComparison.Ordinal);
            var listed = await reader.PageAsync("/reports?kind=chain_gap");
            Assert.Contains("缝制设备产业链", listed.Body!.TextContent, StringComparison.Ordinal);
            Assert.Contains(href, listed.Body!.InnerHtml, StringComparison.Ordinal);
        }

        using var leader = await fixture.App.SignedInAsync("leader@demo.local");
        var requestsBefore = await fixture.App.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM DocumentRequests WHERE Kind = 'chain_gap' AND TriggeredBy = 'user'", null);
        var posted = await leader.PostFormAsync("/chains/SEW/gaps", "form[data-testid=chain-gap-form]", new Dictionary<string, string>());
        Assert.Equal(System.Net.HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(requestsBefore + 1, await fixture.App.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM DocumentRequests WHERE Kind = 'chain_gap' AND TriggeredBy = 'user'", null));
    }

    [Fact]
    public async Task Command_line_writes_the_report_in_the_default_chinese_or_the_chosen_culture_and_rejects_an_unknown_chain()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "sew.pdf");
        var english = Path.Combine(folder.Path, "sew-en.pdf");

        // The command line speaks English here (as under LANG=C): the report is still in the product's language.
        var ok = await Support.Cli.RunAsync(fixture.App.DatabasePath, "report", "chain-gap", "sew", "--out", path);
        var chosen = await Support.Cli.RunInAsync("zh-CN", fixture.App.DatabasePath, "report", "chain-gap", "sew", "--out", english, "--culture", "en");
        var badCulture = await Support.Cli.RunAsync(fixture.App.DatabasePath, "report", "chain-gap", "sew", "--out", path + ".y", "--culture", "fr");
        var bad = await Support.Cli.RunAsync(fixture.App.DatabasePath, "report", "chain-gap", "NOPE", "--out", path + ".x");

        Assert.Equal((0, 0), (ok.ExitCode, chosen.ExitCode));
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(path), 0, 4), StringComparison.Ordinal);
        var chinese = await PdfTools.TextAsync(path);
        Assert.Contains("产业链缺口分析报告", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("Sewing equipment", chinese, StringComparison.Ordinal);
        Assert.Contains("Sewing equipment", await PdfTools.TextAsync(english), StringComparison.Ordinal);
        Assert.Equal(2, badCulture.ExitCode);
        Assert.Contains("--culture needs one of: zh-CN, en.", badCulture.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".y"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("No chain has the code NOPE", bad.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".x"));
    }

    [Fact]
    public async Task Weekly_digest_attaches_the_report_in_the_recipients_language_named_after_chain_and_month()
    {
        using var scope = fixture.App.Services.CreateScope();
        var source = scope.ServiceProvider.GetRequiredService<InvestmentCrm.Web.Features.Digest.IGapDigestSource>();

        var zh = await source.ChainPdfAsync("SEW", "zh-CN", CancellationToken.None);
        var none = await source.ChainPdfAsync("NOPE", "zh-CN", CancellationToken.None);

        Assert.NotNull(zh);
        Assert.Matches(@"^产业链缺口分析报告-SEW-\d{4}-\d{2}\.pdf$", zh.FileName);
        Assert.Equal("application/pdf", zh.ContentType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(zh.Content, 0, 4), StringComparison.Ordinal);
        Assert.Null(none);
    }

    private Task<long> ScheduledCountAsync() =>
        fixture.App.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Documents WHERE Kind = 'chain_gap' AND TriggeredBy = 'schedule'", null);

    private async Task ForgetReportSnapshotsAsync()
    {
        await fixture.App.Db.ExecuteAsync("DELETE FROM GapSnapshotNodes WHERE SnapshotId IN (SELECT Id FROM GapSnapshots WHERE TakenBy = 'report')", null);
        await fixture.App.Db.ExecuteAsync("DELETE FROM GapSnapshots WHERE TakenBy = 'report'", null);
    }

    private Task<string> RenderToTextAsync(string culture, string name) =>
        PdfTools.GenerateToTextAsync(fixture.App, DocumentKinds.ChainGap, "SEW", culture, name);

    private static Task<string> RenderFirstPageAsync(string pdf, string name) => PdfTools.FirstPagePngAsync(pdf, name);
}
