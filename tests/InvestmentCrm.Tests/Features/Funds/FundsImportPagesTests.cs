using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Funds;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Tests.Features.Funds;

/// <summary>/funds/import and /funds/export through HTTP: a file (Leaders and Admins only, as every upload) is checked
/// whole and written all or nothing, and the export — of the reader's scope only — re-imports as it is, changing nothing.</summary>
public sealed class FundsImportPagesTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private string Day(int fromToday) => app.Today.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static byte[] Csv(params string[] rows) =>
        Encoding.UTF8.GetBytes(string.Join("\n", [string.Join(",", FundsImport.Header), .. rows]) + "\n");

    private async Task<(long Entries, long Audit)> TotalsAsync() =>
        (await app.ScalarAsync<long>("SELECT COUNT(*) FROM FundsInPlace"), await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog"));

    private static (string? Created, string? Updated, string? Unchanged) Counts(IDocument page)
    {
        var summary = page.QuerySelector("[data-testid=summary]") ?? throw new InvalidOperationException(
            "No summary: " + page.QuerySelector("[data-testid=problems], [data-testid=file-error]")?.TextContent);
        return (summary.GetAttribute("data-created"), summary.GetAttribute("data-updated"), summary.GetAttribute("data-unchanged"));
    }

    private static string Row(IDocument page, int line) => page.QuerySelector($"[data-testid=problems] tr[data-line='{line}']")?.TextContent ?? "";

    [Fact]
    public async Task A_file_with_bad_rows_writes_nothing_and_names_every_bad_row_then_the_good_rows_alone_import_once()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        var before = await TotalsAsync();
        var good1 = $"JJ2026-002,{Day(-3)},1200,domestic,,首期到位";
        var good2 = $"JJ2026-005,{Day(-2)},710.5,foreign,1000000,外资到位";
        var refused = await UploadAsync(leader, "台账.csv", Csv(
            good1,
            $"JJ2026-999,{Day(-3)},10,domestic,,",
            $"JJ2026-002,{Day(1)},10,domestic,,",
            $"JJ2026-002,{Day(-4)},0,domestic,,",
            $"JJ2026-002,{Day(-4)},10,domestic,500,",
            good2,
            $"JJ2026-005,{Day(-2)},99,foreign,,"));

        Assert.Null(refused.QuerySelector("[data-testid=summary]"));
        Assert.Contains("JJ2026-999", Row(refused, 3));
        Assert.Contains("不能晚于今天", Row(refused, 4));
        Assert.Contains("amount_wan", Row(refused, 5));
        Assert.Contains("美元金额仅适用于外资", Row(refused, 6));
        Assert.Contains("第 7 行", Row(refused, 8));
        Assert.Equal("", Row(refused, 2));
        Assert.Equal(before, await TotalsAsync());

        Assert.Equal(("2", "0", "0"), Counts(await UploadAsync(leader, "台账.csv", Csv(good1, good2))));
        Assert.Equal(("0", "0", "2"), Counts(await UploadAsync(leader, "台账.csv", Csv(good1, good2))));
        Assert.Equal(before.Entries + 2, (await TotalsAsync()).Entries);
        Assert.Equal(1000000m, await app.ScalarAsync<decimal>("SELECT AmountUsd FROM FundsInPlace WHERE Note = '外资到位'"));

        // The same project, day and kind with another amount: the stored entry is updated, audited old → new.
        Assert.Equal(("0", "1", "1"), Counts(await UploadAsync(leader, "台账.csv", Csv(good1.Replace(",1200,", ",1300,"), good2))));
        Assert.Contains("\"AmountWan\":[1200", await app.ScalarAsync<string>(
            "SELECT Changes FROM AuditLog WHERE EntityType = 'FundsEntry' AND Action = 'update' ORDER BY Id DESC LIMIT 1"));
    }

    [Fact]
    public async Task Staff_may_not_upload_and_export_only_their_scope_while_a_leaders_export_reimports_unchanged()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local", "en");
        var before = await TotalsAsync();
        Assert.Contains("/account/accessdenied", (await staff1.GetAsync("/funds/import")).Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        var token = (await staff1.PageAsync("/projects")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using (var body = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(Csv($"JJ2026-001,{Day(-1)},100,domestic,,")), "file", "funds.csv" } })
        {
            var posted = await staff1.Client.PostAsync("/funds/import", body);
            Assert.Contains("/account/accessdenied", posted.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        }

        Assert.Null((await staff1.PageAsync("/projects")).QuerySelector("[data-testid=funds-import]"));
        using var leader = await app.AsAsync("leader@demo.local", "en");
        foreach (var format in new[] { "csv", "xlsx" })
        {
            var own = await ReadExportAsync(staff1, format);
            Assert.NotEmpty(own.Rows);
            Assert.All(own.Rows, r => Assert.Contains(r.Values["project_code"], new[] { "JJ2026-001", "JJ2026-003", "JJ2026-006" }));

            var all = await ReadExportAsync(leader, format);
            Assert.Contains(all.Rows, r => r.Values["project_code"] == "JJ2026-004");
            var again = await UploadAsync(leader, "funds." + format, all.Bytes);
            Assert.Equal(("0", "0", all.Rows.Count.ToString(CultureInfo.InvariantCulture)), Counts(again));
        }

        Assert.Equal(before, await TotalsAsync());
    }

    private static async Task<(byte[] Bytes, IReadOnlyList<TabularRow> Rows)> ReadExportAsync(TestBrowser browser, string format)
    {
        var response = await browser.GetAsync($"/funds/export?format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var table = TabularFile.Read(new MemoryStream(bytes), "funds." + format, new ImportLimits());
        Assert.Equal(FundsImport.Header, table.Header);
        return (bytes, table.Rows);
    }

    private static Task<IDocument> UploadAsync(TestBrowser browser, string fileName, byte[] content) =>
        ImportUploads.PostAsync(browser, "/funds/import", fileName, content);
}
