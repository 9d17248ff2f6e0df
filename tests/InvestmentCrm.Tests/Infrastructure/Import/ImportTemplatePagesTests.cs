using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Dapper;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Features.Funds;
using InvestmentCrm.Web.Features.Land;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Import;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Infrastructure.Import;

/// <summary>The "download template" links of /enterprises/import, /projects/import and /land/import: the file has the
/// importer's own header and example rows, which the importer refuses, so that the template uploaded unchanged (page
/// or <c>import</c> command, CSV or XLSX) changes nothing, while the same file with real rows in place of the examples
/// imports. Uploading real rows changes demo data, so the class has its own app.</summary>
public sealed class ImportTemplatePagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string, string> PagesAndFormats => new()
    {
        { "/enterprises/import", "csv" }, { "/enterprises/import", "xlsx" },
        { "/projects/import", "csv" }, { "/projects/import", "xlsx" },
        { "/land/import", "csv" }, { "/land/import", "xlsx" },
        { "/funds/import", "csv" }, { "/funds/import", "xlsx" },
    };

    private static IReadOnlyList<string> HeaderOf(string page) => page switch
    {
        "/enterprises/import" => EnterpriseImport.Header,
        "/projects/import" => ProjectImport.Header,
        "/land/import" => LandImport.Header,
        "/funds/import" => FundsImport.Header,
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
    public async Task The_template_linked_from_the_page_has_the_importers_header_and_example_rows(string page, string format)
    {
        using var leader = await AsAsync("leader@demo.local");

        var (name, bytes) = await TemplateAsync(leader, page, format);

        var header = HeaderOf(page);
        if (format == "csv")
        {
            Assert.Equal(string.Join(",", header), System.Text.Encoding.UTF8.GetString(bytes).Split("\r\n")[0].TrimStart('\uFEFF'));
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        }

        var table = TabularFile.Read(new MemoryStream(bytes), name, new ImportLimits());
        Assert.Empty(table.Problems);
        Assert.Equal(header, table.Header);
        Assert.Equal(2, table.Rows.Count);
    }

    [Theory]
    [MemberData(nameof(PagesAndFormats))]
    public async Task The_template_uploaded_unchanged_changes_nothing_and_says_the_file_only_holds_its_examples(string page, string format)
    {
        foreach (var (culture, message) in new[]
        {
            ("zh-CN", "文件只包含模板的示例行，没有导入任何数据"),
            ("en", "The file only contains the template's example rows, so nothing was imported"),
        })
        {
            using var leader = await AsAsync("leader@demo.local", culture);
            var (name, bytes) = await TemplateAsync(leader, page, format);
            var before = await DatabaseStateAsync();

            var result = await PostAsync(leader, page, name, bytes);

            var problems = result.QuerySelector("[data-testid=problems]")!;
            Assert.Null(result.QuerySelector("[data-testid=summary]"));
            Assert.Equal(ImportKeys.TemplateExamplesOnly, Assert.Single(problems.QuerySelectorAll("tr[data-problem]")).GetAttribute("data-problem"));
            Assert.Contains(message, problems.TextContent, StringComparison.Ordinal);
            Assert.Contains(culture == "en" ? "was not imported, and nothing was written" : "未导入，没有写入任何数据", problems.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(" 0 ", problems.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(before, await DatabaseStateAsync());
        }
    }

    [Theory]
    [MemberData(nameof(PagesAndFormats))]
    public async Task A_template_whose_examples_were_replaced_by_real_rows_imports_and_a_left_over_example_is_refused_on_its_line(string page, string format)
    {
        using var leader = await AsAsync("leader@demo.local");
        var (name, bytes) = await TemplateAsync(leader, page, format);
        var template = TabularFile.Read(new MemoryStream(bytes), name, new ImportLimits());
        var real = Replaced(page, format, template);

        // An example left above the real rows: refused on its line, and nothing of the file is written.
        var mixed = Write(format, template.Header, [template.Rows[0], .. real]);
        var before = await DatabaseStateAsync();
        var refused = await PostAsync(leader, page, name, mixed);
        var problem = Assert.Single(refused.QuerySelectorAll("[data-testid=problems] tr[data-problem]"));
        Assert.Equal((ImportKeys.TemplateExampleRow, "2"), (problem.GetAttribute("data-problem"), problem.GetAttribute("data-line")));
        Assert.Contains("这是模板的示例行", problem.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseStateAsync());

        var imported = await PostAsync(leader, page, name, Write(format, template.Header, real));
        Assert.Null(imported.QuerySelector("[data-testid=problems]"));
        Assert.NotNull(imported.QuerySelector("[data-testid=summary]"));
        Assert.Equal(real.Count, await StoredAsync(page, real));
        Assert.NotEqual(before, await DatabaseStateAsync());

        var again = await PostAsync(leader, page, name, Write(format, template.Header, real));
        var summary = again.QuerySelector("[data-testid=summary]")!;
        if (page is "/land/import" or "/funds/import")
        {
            Assert.Contains($"新增 0 条，更新 0 条，未变化 {real.Count} 条", summary.TextContent);
        }
        else
        {
            Assert.Equal(real.Count.ToString(CultureInfo.InvariantCulture), summary.GetAttribute("data-unchanged"));
        }
    }

    [Theory]
    [InlineData("enterprises", "/enterprises/import", "csv")]
    [InlineData("enterprises", "/enterprises/import", "xlsx")]
    [InlineData("projects", "/projects/import", "csv")]
    [InlineData("projects", "/projects/import", "xlsx")]
    [InlineData("land", "/land/import", "csv")]
    [InlineData("land", "/land/import", "xlsx")]
    public async Task The_import_command_refuses_the_unchanged_template_in_chinese_and_english_and_changes_nothing(string kind, string page, string format)
    {
        using var leader = await AsAsync("leader@demo.local");
        var (name, bytes) = await TemplateAsync(leader, page, format);
        using var folder = new TempDirectory("crm-template-cli");
        var path = folder.File(name);
        await File.WriteAllBytesAsync(path, bytes);
        var before = await DatabaseStateAsync();

        var zh = await Support.Cli.RunInAsync("zh-CN", app.DatabasePath, "import", kind, path);
        var en = await Support.Cli.RunInAsync("en", app.DatabasePath, "import", kind, path);

        Assert.Equal((2, 2), (zh.ExitCode, en.ExitCode));
        Assert.Contains("文件只包含模板的示例行，没有导入任何数据", zh.Error, StringComparison.Ordinal);
        Assert.Contains("The file only contains the template's example rows, so nothing was imported", en.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 ", en.Error.Split('\n')[0], StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseStateAsync());
    }

    [Fact]
    public void The_import_formats_document_names_every_key_by_which_the_import_knows_an_example()
    {
        var today = new DateOnly(2026, 12, 6);
        var keys = new[] { EnterpriseImport.TemplateExamples, ProjectImport.TemplateExamples(today), LandImport.TemplateExamples(today), FundsImport.TemplateExamples(today) }
            .SelectMany(examples => examples.Rows.Select(row => row[examples.KeyColumn]))
            .ToList();

        Assert.Equal(8, keys.Count);
        foreach (var culture in DocFiles.Cultures)
        {
            var text = DocFiles.Text(culture, "import-formats");
            Assert.All(keys, key => Assert.Contains($"`{key}`", text, StringComparison.Ordinal));
        }
    }

    private static async Task<(string Name, byte[] Bytes)> TemplateAsync(TestBrowser browser, string page, string format)
    {
        var href = (await browser.PageAsync(page)).QuerySelector($"a[data-testid=template-{format}]")!.GetAttribute("href")!;
        var response = await browser.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = $"{page.Split('/')[1]}-template.{format}";
        Assert.Equal(name, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(format == "csv" ? "text/csv" : ImportTemplate.XlsxContentType, response.Content.Headers.ContentType!.MediaType);
        return (name, await response.Content.ReadAsByteArrayAsync());
    }

    // What a user who keeps the template's shape but types their own data would upload: new enterprises under new
    // USCCs, projects under new codes (the format CSV and the XLSX apart), records of two demo local enterprises,
    // funds in place of two demo projects (other ones per format).
    private static List<TabularRow> Replaced(string page, string format, TabularReadResult template)
    {
        string[] realKeys = page switch
        {
            "/enterprises/import" => [Uscc.MakeValid($"91331002MA2RE{char.ToUpperInvariant(format[0])}01K"), Uscc.MakeValid($"91320509MA2RE{char.ToUpperInvariant(format[0])}02K")],
            "/projects/import" => [$"REAL-{format}-1", $"REAL-{format}-2"],
            "/funds/import" => format == "csv" ? ["JJ2026-001", "JJ2026-002"] : ["JJ2026-003", "JJ2026-005"],
            _ => ["91331002MA20301K2K", "91331002MA27E02K70"],
        };
        var key = page switch { "/projects/import" => "code", "/funds/import" => "project_code", _ => "uscc" };
        return template.Rows.Select((row, i) =>
        {
            var values = row.Values.ToDictionary();
            values[key] = realKeys[i];
            if (page == "/land/import")
            {
                values["tax_wan"] = (format == "csv" ? 15000 + i : 16000 + i).ToString(CultureInfo.InvariantCulture);
            }

            return new TabularRow(row.Line, values);
        }).ToList();
    }

    private static byte[] Write(string format, IReadOnlyList<string> header, IEnumerable<TabularRow> rows)
    {
        using var buffer = new MemoryStream();
        var cells = rows.Select(row => (IReadOnlyList<string?>)header.Select(column => (string?)row.Values[column]).ToList());
        if (format == "xlsx")
        {
            TabularFile.WriteXlsx(buffer, header, cells);
        }
        else
        {
            TabularFile.WriteCsv(buffer, header, cells);
        }

        return buffer.ToArray();
    }

    // Every row an import could write or touch, with its version: equal before and after means nothing changed.
    private async Task<string> DatabaseStateAsync()
    {
        await using var connection = await app.Db.OpenAsync();
        var parts = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT Id, Uscc, Name, Kind, AnnualRevenueWan, Version FROM Enterprises ORDER BY Id",
            "SELECT Id, Code, Title, Stage, Version FROM Projects ORDER BY Id",
            "SELECT Id, EnterpriseId, Year, LandMu, OutputWan, TaxWan, InvestmentWan, Employees, RdWan, EnergyTce, UpdatedAtUtc FROM LandRecords ORDER BY Id",
            "SELECT COUNT(*) FROM EnterpriseContacts", "SELECT COUNT(*) FROM EnterpriseNodes", "SELECT COUNT(*) FROM ProjectNodes",
            "SELECT COUNT(*) FROM ProjectStageChanges", "SELECT COUNT(*) FROM AuditLog",
            "SELECT Id, ProjectId, ReceivedOn, AmountWan, Kind, AmountUsd, Note, Version FROM FundsInPlace ORDER BY Id",
        })
        {
            var rows = await connection.QueryAsync(sql);
            parts.Add(string.Join("\n", rows.Select(row => string.Join("|", ((IDictionary<string, object?>)row).Values))));
        }

        return string.Join("\n--\n", parts);
    }

    // The imported rows as stored: looked up by their keys and, for land, checked value by value.
    private async Task<long> StoredAsync(string page, IReadOnlyList<TabularRow> rows)
    {
        await using var connection = await app.Db.OpenAsync();
        return page switch
        {
            "/enterprises/import" => await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM Enterprises WHERE Uscc IN @Keys", new { Keys = rows.Select(r => r.Values["uscc"]).ToList() }),
            "/projects/import" => await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM Projects WHERE Code IN @Keys", new { Keys = rows.Select(r => r.Values["code"]).ToList() }),
            "/funds/import" => await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM FundsInPlace f JOIN Projects p ON p.Id = f.ProjectId WHERE p.Code IN @Keys", new { Keys = rows.Select(r => r.Values["project_code"]).ToList() }),
            _ => await LandRecordsAsync(connection, rows),
        };
    }

    private static async Task<long> LandRecordsAsync(System.Data.Common.DbConnection connection, IReadOnlyList<TabularRow> rows)
    {
        long found = 0;
        foreach (var row in rows)
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
    [InlineData("/funds/import")]
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

    private static async Task<IDocument> PostAsync(TestBrowser browser, string page, string fileName, byte[] content)
    {
        var result = await ImportUploads.PostAsync(browser, page, fileName, content);
        Assert.Null(result.QuerySelector("[data-testid=file-error]"));
        return result;
    }
}
