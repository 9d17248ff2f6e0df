using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Projects;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>/projects/import through HTTP, as a browser posts it: the file the <c>import projects</c> verb reads,
/// checked whole, written through the same importer with the same audit, on the demo data.</summary>
public sealed class ProjectImportPagesTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private const string Yina = "91330110MA25215KAT";
    private const string Second = "91330212MA2KQ17KLM";

    private static byte[] Csv(params string[] rows) =>
        Encoding.UTF8.GetBytes(string.Join("\n", [string.Join(",", ProjectImport.Header), .. rows]) + "\n");

    private Task<long> CountAsync(string sql, object? param = null) => app.ScalarAsync<long>(sql, param);

    private async Task<(long Projects, long Audit, long Stages)> TotalsAsync() =>
        (await CountAsync("SELECT COUNT(*) FROM Projects"),
         await CountAsync("SELECT COUNT(*) FROM AuditLog"),
         await CountAsync("SELECT COUNT(*) FROM ProjectStageChanges"));

    private static (string? Created, string? Updated, string? Unchanged) Counts(IDocument page)
    {
        var summary = page.QuerySelector("[data-testid=summary]") ?? throw new InvalidOperationException(
            "No summary: " + page.QuerySelector("[data-testid=problems], [data-testid=file-error]")?.TextContent);
        return (summary.GetAttribute("data-created"), summary.GetAttribute("data-updated"), summary.GetAttribute("data-unchanged"));
    }

    [Fact]
    public async Task Upload_of_a_valid_csv_creates_the_projects_audited_as_the_leader_and_the_same_file_again_changes_nothing()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        var signedOn = app.Today.AddDays(-10).ToString("yyyy-MM-dd");
        var file = Csv(
            "WEB-1,网页导入项目一,91330110MA25215KAT,negotiation,staff1@demo.local,8000,20,16000,800,expo,SEW:HANG;SEW:MES,,,",
            $"WEB-2,网页导入项目二,{Second},signed,staff2@demo.local,3000,5,6000,300,fund,SEW:CHIP,{signedOn},,");

        var imported = await UploadAsync(leader, "项目.csv", file);

        Assert.Equal(("2", "0", "0"), Counts(imported));
        Assert.Contains("项目.csv", imported.QuerySelector("[data-testid=summary]")!.TextContent);
        Assert.Contains("新增 2 个", imported.QuerySelector("[data-testid=summary]")!.TextContent);
        Assert.Equal("negotiation", await app.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = 'WEB-1'"));
        Assert.Equal("网页导入项目一", await app.ScalarAsync<string>("SELECT Title FROM Projects WHERE Code = 'WEB-1'"));
        Assert.Equal(Yina, await app.ScalarAsync<string>("SELECT e.Uscc FROM Projects p JOIN Enterprises e ON e.Id = p.EnterpriseId WHERE p.Code = 'WEB-1'"));
        Assert.Equal("staff1@demo.local", await app.ScalarAsync<string>("SELECT u.Email FROM Projects p JOIN Users u ON u.Id = p.OwnerUserId WHERE p.Code = 'WEB-1'"));
        Assert.Equal(2L, await CountAsync("SELECT COUNT(*) FROM ProjectNodes n JOIN Projects p ON p.Id = n.ProjectId WHERE p.Code = 'WEB-1'"));
        Assert.Equal(("signed", signedOn, 3000m), (
            await app.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = 'WEB-2'"),
            await app.ScalarAsync<string>("SELECT SignedOn FROM Projects WHERE Code = 'WEB-2'"),
            await app.ScalarAsync<decimal>("SELECT ContractedInvestmentWan FROM Projects WHERE Code = 'WEB-2'")));
        Assert.Equal(["create"], await app.Db.QueryAsync<string>(
            "SELECT Action FROM AuditLog WHERE EntityType = 'Project' AND EntityId = 'WEB-1' AND ActorName = 'leader@demo.local'"));

        var before = await TotalsAsync();
        var again = await UploadAsync(leader, "项目.csv", file);

        Assert.Equal(("0", "0", "2"), Counts(again));
        Assert.Equal(before, await TotalsAsync());
    }

    [Fact]
    public async Task Upload_of_a_valid_xlsx_creates_then_updates_a_changed_row_and_leaves_the_same_rows_alone()
    {
        using var admin = await app.AsAsync("admin@demo.local", culture: "en");
        IReadOnlyList<string?> Row(string code, string title, string investment) =>
            [code, title, Yina, "site_visit", "staff1@demo.local", investment, "12.5", "9000", "450", "referral", "SEW:HANG", null, null, null];

        var first = await UploadAsync(admin, "projects.xlsx",
            ImportTestFiles.WriteXlsx(ProjectImport.Header, [Row("XL-1", "Excel project one", "5000"), Row("XL-2", "Excel project two", "700")], ProjectImport.NumericColumns));

        Assert.Equal(("2", "0", "0"), Counts(first));
        Assert.Contains("2 added", first.QuerySelector("[data-testid=summary]")!.TextContent);
        Assert.Equal(12.5m, await app.ScalarAsync<decimal>("SELECT LandMu FROM Projects WHERE Code = 'XL-1'"));
        Assert.Equal("site_visit", await app.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = 'XL-2'"));

        var changed = await UploadAsync(admin, "projects.xlsx",
            ImportTestFiles.WriteXlsx(ProjectImport.Header, [Row("XL-1", "Excel project one", "5000"), Row("XL-2", "Excel project two", "900")], ProjectImport.NumericColumns));

        Assert.Equal(("0", "1", "1"), Counts(changed));
        Assert.Equal(900m, await app.ScalarAsync<decimal>("SELECT PlannedInvestmentWan FROM Projects WHERE Code = 'XL-2'"));
        Assert.Equal(["create", "update"], await app.Db.QueryAsync<string>(
            "SELECT Action FROM AuditLog WHERE EntityType = 'Project' AND EntityId = 'XL-2' AND ActorName = 'admin@demo.local' ORDER BY Id"));
        Assert.Equal(["create"], await app.Db.QueryAsync<string>(
            "SELECT Action FROM AuditLog WHERE EntityType = 'Project' AND EntityId = 'XL-1' ORDER BY Id"));
    }

    private static byte[] BadFile() => Csv(
        "BAD-1,好项目,91330110MA25215KAT,lead,staff1@demo.local,100,,,,referral,SEW:HANG,,,",
        "BAD-2,阶段错,91330110MA25215KAT,won,staff1@demo.local,100,,,,referral,SEW:HANG,,,",
        "BAD-3,来源错,91330110MA25215KAT,lead,staff1@demo.local,100,,,,tv,SEW:HANG,,,",
        "BAD-4,负责人错,91330110MA25215KAT,lead,nobody@demo.local,100,,,,referral,SEW:HANG,,,",
        "BAD-5,企业错,91310110666007217T,lead,staff1@demo.local,100,,,,referral,SEW:HANG,,,",
        "BAD-6,环节错,91330110MA25215KAT,lead,staff1@demo.local,100,,,,referral,SEW:NOPE,,,",
        "BAD-7,数字错,91330110MA25215KAT,lead,staff1@demo.local,一百万,,,,referral,SEW:HANG,,,");

    [Fact]
    public async Task A_bad_file_is_rejected_whole_with_the_line_and_reason_of_every_bad_row_in_chinese_and_writes_nothing()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        var before = await TotalsAsync();

        var refused = await UploadAsync(leader, "项目.csv", BadFile());

        Assert.Null(refused.QuerySelector("[data-testid=summary]"));
        Assert.Equal(["3", "4", "5", "6", "7", "8"], refused.QuerySelectorAll("[data-testid=problems] tr[data-line]").Select(tr => tr.GetAttribute("data-line")!));
        Assert.Contains("6 行有问题", refused.QuerySelector("[data-testid=problems] p")!.TextContent);
        Assert.Contains("第 3 行", Row(refused, 3));
        Assert.Contains("“won”无效", Row(refused, 3));
        Assert.Contains("“tv”无效", Row(refused, 4));
        Assert.Contains("nobody@demo.local", Row(refused, 5));
        Assert.Contains("不是本系统的用户", Row(refused, 5));
        Assert.Contains("系统中没有统一社会信用代码为“91310110666007217T”的企业", Row(refused, 6));
        Assert.Contains("SEW:NOPE", Row(refused, 7));
        Assert.Contains("不存在", Row(refused, 7));
        Assert.Contains("不是数字", Row(refused, 8));
        Assert.Equal(before, await TotalsAsync());
        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM Projects WHERE Code LIKE 'BAD-%'"));
    }

    [Fact]
    public async Task A_bad_file_is_rejected_with_line_numbers_and_reasons_in_english_and_a_wrong_header_on_line_1()
    {
        using var leader = await app.AsAsync("leader@demo.local", culture: "en");
        var before = await TotalsAsync();

        var refused = await UploadAsync(leader, "projects.csv", BadFile());

        Assert.Equal(["3", "4", "5", "6", "7", "8"], refused.QuerySelectorAll("[data-testid=problems] tr[data-line]").Select(tr => tr.GetAttribute("data-line")!));
        Assert.Contains("6 rows have problems", refused.QuerySelector("[data-testid=problems] p")!.TextContent);
        Assert.Contains("Line 3", Row(refused, 3));
        Assert.Contains("'won' is not a valid value for 'stage'", Row(refused, 3));
        Assert.Contains("'tv' is not a valid value for 'source'", Row(refused, 4));
        Assert.Contains("Owner 'nobody@demo.local' is not a user", Row(refused, 5));
        Assert.Contains("no enterprise with unified social credit code '91310110666007217T'", Row(refused, 6));
        Assert.Contains("Chain node 'SEW:NOPE' in 'target_nodes' does not exist", Row(refused, 7));
        Assert.Contains("is not a number", Row(refused, 8));

        var wrongHeader = await UploadAsync(leader, "projects.csv", Encoding.UTF8.GetBytes(
            "code,title,enterprise_uscc,stage,owner,planned_investment_wan,land_mu,expected_output_wan,expected_tax_wan,source,target_nodes,signed_on\n" +
            "HDR-1,表头错,91330110MA25215KAT,lead,staff1@demo.local,100,,,,referral,SEW:HANG,\n,,"));

        Assert.Equal("1", wrongHeader.QuerySelector("[data-testid=problems] tr[data-line]")!.GetAttribute("data-line"));
        Assert.Contains("Column 'owner_email' is missing", wrongHeader.QuerySelector("[data-testid=problems]")!.TextContent);
        Assert.Equal(before, await TotalsAsync());
    }

    [Fact]
    public async Task Upload_checks_refuse_no_file_a_wrong_type_an_empty_and_a_too_big_file_in_the_users_language()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        var before = await TotalsAsync();

        var none = await PostAsync(leader, file: null);
        var wrongType = await UploadAsync(leader, "项目.json", Encoding.UTF8.GetBytes("{}"));
        var empty = await UploadAsync(leader, "项目.csv", []);
        var tooBig = await UploadAsync(leader, "项目.csv", new byte[new InvestmentCrm.Web.Infrastructure.Import.ImportLimits().MaxFileBytes + 1]);

        Assert.Contains("请选择要上传的文件", FileError(none));
        Assert.Contains("无法读取“项目.json”：请上传 .csv / .xlsx 文件", FileError(wrongType));
        Assert.Contains("项目.csv", FileError(empty));
        Assert.Contains("空", FileError(empty));
        Assert.Contains("超过 20 MB", FileError(tooBig));

        using var english = await app.AsAsync("leader@demo.local", culture: "en");
        Assert.Contains("Choose a file to upload", FileError(await PostAsync(english, file: null)));
        Assert.Contains("\"projects.txt\" cannot be read here: upload a .csv / .xlsx file", FileError(await UploadAsync(english, "projects.txt", Encoding.UTF8.GetBytes("x"))));
        Assert.Contains("The file \"projects.csv\" is empty", FileError(await UploadAsync(english, "projects.csv", [])));
        Assert.Contains("larger than 20 MB", FileError(await UploadAsync(english, "projects.xlsx", new byte[new InvestmentCrm.Web.Infrastructure.Import.ImportLimits().MaxFileBytes + 1])));
        Assert.Equal(before, await TotalsAsync());
    }

    [Fact]
    public async Task Staff_get_403_and_no_link_while_leaders_and_admins_see_the_link_on_the_project_list()
    {
        using var staff = await app.AsAsync("staff1@demo.local");
        var response = await staff.GetAsync("/projects/import");
        Assert.Contains("/account/accessdenied", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(response.Headers.Location!.OriginalString)).StatusCode);
        Assert.Null((await staff.PageAsync("/projects")).QuerySelector("a[href='/projects/import']"));

        // A staff member who posts anyway (with a token from a page they may see) is refused too and nothing is written.
        var token = (await staff.PageAsync("/projects")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(Csv("STAFF-1,员工导入,91330110MA25215KAT,lead,staff1@demo.local,100,,,,referral,SEW:HANG,,,")), "file", "p.csv");
        var posted = await staff.Client.PostAsync("/projects/import", form);
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM Projects WHERE Code = 'STAFF-1'"));

        foreach (var (email, culture, text) in new[] { ("leader@demo.local", "zh-CN", "导入项目"), ("admin@demo.local", "en", "Import projects") })
        {
            using var allowed = await app.AsAsync(email, culture);
            var link = (await allowed.PageAsync("/projects")).QuerySelector("a[href='/projects/import']");
            Assert.NotNull(link);
            Assert.Equal(text, link!.TextContent.Trim());
            var page = await allowed.PageAsync("/projects/import");
            Assert.Equal(string.Join(",", ProjectImport.Header), page.QuerySelector("[data-testid=header]")!.TextContent);
            Assert.NotNull(page.QuerySelector("form[data-upload-progress] [data-progress-text][data-uploading][data-processing][data-failed]"));
        }
    }

    private static string Row(IDocument page, int line) => page.QuerySelector($"[data-testid=problems] tr[data-line='{line}']")!.TextContent;

    private static string FileError(IDocument page) =>
        page.QuerySelector("[data-testid=file-error]")?.TextContent ?? throw new InvalidOperationException("No file error on the page.");

    private static Task<IDocument> UploadAsync(TestBrowser browser, string fileName, byte[] content) =>
        PostAsync(browser, (fileName, content));

    private static async Task<IDocument> PostAsync(TestBrowser browser, (string Name, byte[] Content)? file)
    {
        var page = await browser.PageAsync("/projects/import");
        var token = page.QuerySelector("form[data-testid=import-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        if (file is { } f)
        {
            var part = new ByteArrayContent(f.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(f.Name.EndsWith(".xlsx", StringComparison.Ordinal)
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
            form.Add(part, "file", f.Name);
        }

        var response = await browser.Client.PostAsync("/projects/import", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestBrowser.ParseAsync(response);
    }
}
