using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using Dapper;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Features.Land;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Import;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Infrastructure.Import;

/// <summary>The "download template" links of /enterprises/import, /projects/import and /land/import: the file has the
/// importer's own header and example rows that import unchanged on the demo data. Uploading them creates or updates
/// demo rows, so the class has its own app.</summary>
public sealed class ImportTemplatePagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string, string> PagesAndFormats => new()
    {
        { "/enterprises/import", "csv" }, { "/enterprises/import", "xlsx" },
        { "/projects/import", "csv" }, { "/projects/import", "xlsx" },
        { "/land/import", "csv" }, { "/land/import", "xlsx" },
    };

    private static IReadOnlyList<string> HeaderOf(string page) => page switch
    {
        "/enterprises/import" => EnterpriseImport.Header,
        "/projects/import" => ProjectImport.Header,
        "/land/import" => LandImport.Header,
        _ => throw new ArgumentOutOfRangeException(nameof(page), page, null),
    };

    private async Task<TestBrowser> AsAsync(string email, string culture = "zh-CN")
    {
        using (app.CreateClient())
        {
            await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        }

        return await app.SignedInAsync(email, culture: culture);
    }

    [Theory]
    [MemberData(nameof(PagesAndFormats))]
    public async Task The_template_linked_from_the_page_has_the_importers_header_and_imports_unchanged_then_changes_nothing_again(string page, string format)
    {
        using var leader = await AsAsync("leader@demo.local");
        var href = (await leader.PageAsync(page)).QuerySelector($"a[data-testid=template-{format}]")!.GetAttribute("href")!;

        var response = await leader.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = $"{page.Split('/')[1] switch { "enterprises" => "enterprises", "projects" => "projects", _ => "land" }}-template.{format}";
        Assert.Equal(name, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(format == "csv" ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var header = HeaderOf(page);
        if (format == "csv")
        {
            Assert.Equal(string.Join(",", header), System.Text.Encoding.UTF8.GetString(bytes).Split("\r\n")[0].TrimStart('\uFEFF'));
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        }

        var table = TabularFile.Read(new MemoryStream(bytes), name, new ImportLimits());
        Assert.Empty(table.Problems);
        Assert.Equal(header, table.Header);
        Assert.InRange(table.Rows.Count, 1, 2);

        var imported = await UploadAsync(leader, page, name, bytes);

        Assert.Null(imported.QuerySelector("[data-testid=problems]"));
        Assert.NotNull(imported.QuerySelector("[data-testid=summary]"));
        Assert.Equal(table.Rows.Count, await StoredAsync(page, table));

        var again = await UploadAsync(leader, page, name, bytes);
        var summary = again.QuerySelector("[data-testid=summary]")!;
        if (page == "/land/import")
        {
            Assert.Contains($"新增 0 条，更新 0 条，未变化 {table.Rows.Count} 条", summary.TextContent);
        }
        else
        {
            Assert.Equal(table.Rows.Count.ToString(CultureInfo.InvariantCulture), summary.GetAttribute("data-unchanged"));
        }
    }

    // The example rows as stored: looked up by the template's own keys and, for land, checked value by value.
    private async Task<long> StoredAsync(string page, TabularReadResult table)
    {
        await using var connection = await app.Db.OpenAsync();
        return page switch
        {
            "/enterprises/import" => await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM Enterprises WHERE Uscc IN @Keys", new { Keys = table.Rows.Select(r => r.Values["uscc"]).ToList() }),
            "/projects/import" => await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM Projects WHERE Code IN @Keys", new { Keys = table.Rows.Select(r => r.Values["code"]).ToList() }),
            _ => await LandRecordsAsync(connection, table),
        };
    }

    private static async Task<long> LandRecordsAsync(System.Data.Common.DbConnection connection, TabularReadResult table)
    {
        long found = 0;
        foreach (var row in table.Rows)
        {
            found += await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM LandRecords l JOIN Enterprises e ON e.Id = l.EnterpriseId WHERE e.Uscc = @Uscc AND l.Year = @Year AND l.LandMu = @LandMu AND l.TaxWan = @TaxWan",
                new
                {
                    Uscc = row.Values["uscc"],
                    Year = int.Parse(row.Values["year"], CultureInfo.InvariantCulture),
                    LandMu = decimal.Parse(row.Values["land_mu"], CultureInfo.InvariantCulture),
                    TaxWan = decimal.Parse(row.Values["tax_wan"], CultureInfo.InvariantCulture),
                });
        }

        return found;
    }

    [Theory]
    [InlineData("/enterprises/import")]
    [InlineData("/projects/import")]
    [InlineData("/land/import")]
    public async Task Staff_get_403_for_the_template_as_for_the_page_and_a_wrong_format_is_a_bad_request(string page)
    {
        using var staff = await AsAsync("staff1@demo.local");
        foreach (var format in new[] { "csv", "xlsx" })
        {
            var response = await staff.GetAsync($"{page}?handler=template&format={format}");
            Assert.Contains("/account/accessdenied", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(response.Headers.Location!.OriginalString)).StatusCode);
        }

        using var anonymous = app.NewBrowser();
        var signIn = await anonymous.GetAsync($"{page}?handler=template&format=csv");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/account/login", signIn.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);

        using var admin = await AsAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"{page}?handler=template&format=pdf")).StatusCode);
    }

    [Theory]
    [InlineData("/enterprises/import")]
    [InlineData("/projects/import")]
    [InlineData("/land/import")]
    public async Task The_template_links_read_in_chinese_and_english(string page)
    {
        foreach (var (culture, csv, xlsx, intro) in new[]
        {
            ("zh-CN", "下载 CSV 模板", "下载 Excel 模板", "可从模板开始填写"),
            ("en", "Download CSV template", "Download Excel template", "Start from a template"),
        })
        {
            using var admin = await AsAsync("admin@demo.local", culture);
            var links = (await admin.PageAsync(page)).QuerySelector("[data-testid=template]")!;

            Assert.Contains(intro, links.TextContent);
            Assert.Equal(csv, Link(links, "csv").TextContent.Trim());
            Assert.Equal(xlsx, Link(links, "xlsx").TextContent.Trim());
            Assert.Equal($"{page}?handler=template&format=csv", Link(links, "csv").GetAttribute("href"));
            Assert.Equal($"{page}?handler=template&format=xlsx", Link(links, "xlsx").GetAttribute("href"));
        }
    }

    private static IElement Link(IElement links, string format) => links.QuerySelector($"a[data-testid=template-{format}]")!;

    private static async Task<IDocument> UploadAsync(TestBrowser browser, string page, string fileName, byte[] content)
    {
        var form = await browser.PageAsync(page);
        var token = form.QuerySelector("form[data-testid=import-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(token), "__RequestVerificationToken");
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? ImportTemplate.XlsxContentType : "text/csv");
        body.Add(part, "file", fileName);
        var response = await browser.Client.PostAsync(page, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await TestBrowser.ParseAsync(response);
        var problems = result.QuerySelector("[data-testid=problems], [data-testid=file-error]");
        return problems is null ? result : throw new InvalidOperationException($"{fileName} was refused: {problems.TextContent}");
    }
}
