using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>Creating, editing and importing enterprises through HTTP, as a browser does, on the demo data.</summary>
public sealed class EnterpriseFormPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string YinaUscc = "91330110MA25215KAT";

    private static Dictionary<string, string> Fields(string uscc, string name) => new()
    {
        ["Form.Uscc"] = uscc,
        ["Form.Name"] = name,
        ["Form.Kind"] = "prospect",
        ["Form.Province"] = "江苏省",
        ["Form.City"] = "苏州市",
        ["Form.District"] = "吴江区",
        ["Form.IndustryCode"] = "3553",
        ["Form.RegisteredCapitalWan"] = "5000",
        ["Form.AnnualRevenueWan"] = "32000.5",
        ["Form.Employees"] = "260",
        ["Form.MainProducts"] = "智能裁床；吊挂系统",
        ["Form.Contacts[0].Name"] = "周晓明",
        ["Form.Contacts[0].Title"] = "总经理",
        ["Form.Contacts[0].Phone"] = "0512-63000000",
        ["Form.Contacts[0].Email"] = "zhou@example.com",
    };

    // Nodes are added as a browser without script adds them: CHAIN:NODE references typed into the node picker.
    private static async Task<IDocument> FormAsync(TestBrowser browser, string url, params string[] nodes)
    {
        var page = await browser.PageAsync(url);
        ((IHtmlInputElement)page.QuerySelector("input[name='Form.AddNodes']")!).Value = string.Join(", ", nodes);
        return page;
    }

    private static string Errors(IDocument page) =>
        string.Join(" | ", page.QuerySelectorAll(".text-danger, .alert-danger, .alert-warning").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));

    private async Task<long> CountAsync(string where, object? param = null) =>
        await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Enterprises WHERE " + where, param);

    [Fact]
    public async Task Staff_creates_a_chinese_enterprise_with_contacts_nodes_and_qualifications_and_sees_it_on_its_page()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var uscc = UsccTestHelper.Make(9001);
        var form = await FormAsync(staff, "/enterprises/create", "SEW:HANG", "SEW:CUT");
        ((IHtmlInputElement)form.QuerySelector("input[name='Form.Qualifications'][value=srdi]")!).IsChecked = true;
        var fields = Fields(uscc.ToLowerInvariant(), "苏州（吴江）智能吊挂科技有限公司");
        fields["Form.Contacts[1].Name"] = "钱佳";
        fields["Form.Contacts[1].Phone"] = "13900000000";

        var response = await staff.SubmitAsync(form, "form[data-testid=enterprise-form]", fields);
        var page = await staff.FollowAsync(response);

        Assert.Equal("苏州（吴江）智能吊挂科技有限公司", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(uscc, page.QuerySelector("[data-testid=uscc]")!.TextContent);
        Assert.Contains("已新增企业", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(["SEW:CUT", "SEW:HANG"], page.QuerySelectorAll("[data-testid=nodes] a[data-node]").Select(a => a.GetAttribute("data-node")!).Order());
        Assert.Equal("/chains/SEW#node-HANG", page.QuerySelector("a[data-node='SEW:HANG']")!.GetAttribute("href"));
        Assert.Contains("智能吊挂系统", page.QuerySelector("a[data-node='SEW:HANG']")!.TextContent);
        Assert.Equal(["周晓明", "钱佳"], page.QuerySelectorAll("[data-testid=contacts] strong").Select(s => s.TextContent));
        Assert.NotNull(page.QuerySelector("[data-testid=qualifications] [data-qualification=srdi]"));
        Assert.Contains("32,000.5", page.QuerySelector("[data-field=revenue]")!.TextContent);
        Assert.Equal("create", page.QuerySelector("[data-testid=history] li")!.GetAttribute("data-action"));
        Assert.Contains("李招商", page.QuerySelector("[data-testid=history] li")!.TextContent); // by name, not e-mail

        var list = await staff.PageAsync("/enterprises?q=" + Uri.EscapeDataString("苏州(吴江)智能吊挂"));
        Assert.NotNull(list.QuerySelector($"tr[data-uscc='{uscc}']"));
    }

    [Fact]
    public async Task A_taken_uscc_is_refused_with_a_link_to_the_enterprise_that_has_it_and_the_input_kept()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var yinaId = await EnterpriseSamples.IdOfAsync(app.Db, YinaUscc);

        var response = await staff.SubmitAsync(await FormAsync(staff, "/enterprises/create"), "form[data-testid=enterprise-form]", Fields(YinaUscc, "重复登记测试有限公司"));
        var page = await TestBrowser.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = page.QuerySelector("[data-testid=duplicate-uscc]")!;
        Assert.Contains("浙江衣拿智能科技有限公司", alert.TextContent);
        Assert.Equal($"/enterprises/{yinaId}", alert.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("重复登记测试有限公司", ((IHtmlInputElement)page.QuerySelector("input[name='Form.Name']")!).Value);
        Assert.Equal("周晓明", ((IHtmlInputElement)page.QuerySelector("input[name='Form.Contacts[0].Name']")!).Value);
        Assert.Equal(0, await CountAsync("Name = @Name", new { Name = "重复登记测试有限公司" }));
    }

    [Fact]
    public async Task A_near_duplicate_name_is_flagged_and_saved_only_after_confirmation()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var uscc = UsccTestHelper.Make(9002);
        const string Name = "浙江 衣拿智能科技有限公司";

        var warned = await TestBrowser.ParseAsync(await staff.SubmitAsync(await FormAsync(staff, "/enterprises/create"), "form[data-testid=enterprise-form]", Fields(uscc, Name)));

        var warning = warned.QuerySelector("[data-testid=near-duplicate]")!;
        Assert.Contains("浙江衣拿智能科技有限公司", warning.TextContent);
        Assert.Equal(0, await CountAsync("Uscc = @Uscc", new { Uscc = uscc }));

        var confirmed = await staff.SubmitAsync(warned, "form[data-testid=enterprise-form]", new Dictionary<string, string> { ["Form.ConfirmNearDuplicate"] = "true" });
        var page = await staff.FollowAsync(confirmed);

        Assert.Equal(Name, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("浙江衣拿智能科技有限公司", page.QuerySelector("[data-testid=similar]")!.TextContent);

        // Once confirmed, editing other fields does not ask again.
        var id = await EnterpriseSamples.IdOfAsync(app.Db, uscc);
        var edited = await staff.SubmitAsync(await staff.PageAsync($"/enterprises/{id}/edit"), "form[data-testid=enterprise-form]", new Dictionary<string, string> { ["Form.Employees"] = "301" });
        Assert.Equal($"/enterprises/{id}", edited.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("zh-CN", "91310110666007217A", "校验位不正确")]
    [InlineData("en", "91310110666007217A", "check character")]
    [InlineData("zh-CN", "9131011066600721", "应为 18 位")]
    [InlineData("en", "91310110666OO7217T", "not allowed")]
    public async Task A_bad_uscc_gets_a_localized_message_and_nothing_is_saved(string culture, string uscc, string message)
    {
        using var staff = await app.SignedInAsync("staff1@demo.local", culture: culture);

        var response = await staff.SubmitAsync(await FormAsync(staff, "/enterprises/create"), "form[data-testid=enterprise-form]", Fields(uscc, "校验测试有限公司" + culture));
        var page = await TestBrowser.ParseAsync(response);

        Assert.Contains(message, page.QuerySelector("[data-valmsg-for='Form.Uscc']")!.TextContent);
        Assert.Equal(0, await CountAsync("Name = @Name", new { Name = "校验测试有限公司" + culture }));
    }

    [Theory]
    [InlineData("zh-CN", "年营业收入（万元）最多保留两位小数。")]
    [InlineData("en", "takes at most two decimal places")]
    public async Task An_amount_with_a_third_decimal_place_is_refused_with_the_input_kept(string culture, string message)
    {
        // SQL Server keeps two places and would round the third away; the import refuses it too.
        using var staff = await app.SignedInAsync("staff1@demo.local", culture: culture);
        var fields = Fields(UsccTestHelper.Make(culture == "en" ? 990001 : 990002), "小数位测试有限公司" + culture);
        fields["Form.AnnualRevenueWan"] = "32000.505";

        var response = await staff.SubmitAsync(await FormAsync(staff, "/enterprises/create"), "form[data-testid=enterprise-form]", fields);
        var page = await TestBrowser.ParseAsync(response);

        Assert.Contains(message, page.QuerySelector("[data-valmsg-for='Form.AnnualRevenueWan']")!.TextContent);
        Assert.Equal("32000.505", page.QuerySelector("input[name='Form.AnnualRevenueWan']")!.GetAttribute("value"));
        Assert.Equal(0, await CountAsync("Name = @Name", new { Name = "小数位测试有限公司" + culture }));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_the_conflict_message_and_the_input_kept()
    {
        var uscc = UsccTestHelper.Make(9003);
        var id = (await app.WithWriterAsync(w => w.CreateAsync(new InvestmentCrm.Web.Features.Enterprises.EnterpriseRecord
        {
            Uscc = uscc, Name = "台州冲突测试有限公司", Kind = "local", Province = "浙江省", City = "台州市", District = "椒江区", AnnualRevenueWan = 100m,
        }))).Id;
        using var first = await app.SignedInAsync("leader@demo.local");
        using var second = await app.SignedInAsync("staff2@demo.local");
        var firstForm = await first.PageAsync($"/enterprises/{id}/edit");
        var secondForm = await second.PageAsync($"/enterprises/{id}/edit");

        await first.FollowAsync(await first.SubmitAsync(firstForm, "form[data-testid=enterprise-form]", new Dictionary<string, string> { ["Form.AnnualRevenueWan"] = "200" }));
        var refused = await TestBrowser.ParseAsync(await second.SubmitAsync(secondForm, "form[data-testid=enterprise-form]", new Dictionary<string, string>
        {
            ["Form.Name"] = "台州冲突测试股份有限公司",
            ["Form.AnnualRevenueWan"] = "300",
        }));

        Assert.Contains("已被他人修改", Errors(refused));
        Assert.Equal("台州冲突测试股份有限公司", ((IHtmlInputElement)refused.QuerySelector("input[name='Form.Name']")!).Value);
        Assert.Equal("300", ((IHtmlInputElement)refused.QuerySelector("input[name='Form.AnnualRevenueWan']")!).Value);
        var stored = await app.Db.QuerySingleOrDefaultAsync<(string Name, decimal Revenue, int Version)>(
            "SELECT Name, AnnualRevenueWan, Version FROM Enterprises WHERE Id = @Id", new { Id = id });
        Assert.Equal(("台州冲突测试有限公司", 200m, 2), stored);
        Assert.Equal(["create", "update"], await app.Db.QueryAsync<string>(
            "SELECT Action FROM AuditLog WHERE EntityType = 'Enterprise' AND EntityId = @Id ORDER BY Id", new { Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
    }

    [Fact]
    public async Task Edit_removes_and_adds_contacts_and_changes_the_node_mapping()
    {
        var uscc = UsccTestHelper.Make(9004);
        await app.WithImporterAsync(w => w.ImportCsvAsync(EnterpriseSamples.Csv(EnterpriseSamples.Row(9004).With(("name", "台州联系人测试有限公司")))));
        var id = await EnterpriseSamples.IdOfAsync(app.Db, uscc);
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var form = await FormAsync(staff, $"/enterprises/{id}/edit", "SEW:CUT");
        ((IHtmlInputElement)form.QuerySelector("input[data-node='SEW:HANG']")!).IsChecked = false;

        var page = await staff.FollowAsync(await staff.SubmitAsync(form, "form[data-testid=enterprise-form]", new Dictionary<string, string>
        {
            ["Form.Contacts[0].Remove"] = "true",
            ["Form.Contacts[1].Name"] = "孙新",
            ["Form.Contacts[1].Title"] = "采购经理",
        }));

        Assert.Equal(["孙新"], page.QuerySelectorAll("[data-testid=contacts] strong").Select(s => s.TextContent));
        Assert.Equal(["SEW:CUT"], page.QuerySelectorAll("[data-testid=nodes] a[data-node]").Select(a => a.GetAttribute("data-node")!));
    }

    [Fact]
    public async Task A_contact_without_a_name_is_refused_and_the_row_is_shown_again()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local", culture: "en");
        var fields = Fields(UsccTestHelper.Make(9005), "无名联系人测试有限公司");
        fields["Form.Contacts[0].Name"] = "";

        var page = await TestBrowser.ParseAsync(await staff.SubmitAsync(await FormAsync(staff, "/enterprises/create"), "form[data-testid=enterprise-form]", fields));

        Assert.Contains("needs a name", page.QuerySelector("[data-valmsg-for='Form.Contacts[0].Name']")!.TextContent);
        Assert.Equal("0512-63000000", ((IHtmlInputElement)page.QuerySelector("input[name='Form.Contacts[0].Phone']")!).Value);
        Assert.Equal(0, await CountAsync("Name = @Name", new { Name = "无名联系人测试有限公司" }));
    }

    [Fact]
    public async Task Upload_reports_every_bad_row_with_its_line_and_writes_nothing_then_a_good_file_imports_once()
    {
        using var leader = await app.SignedInAsync("leader@demo.local");
        var bad = EnterpriseSamples.Csv(
            EnterpriseSamples.Row(9101),
            EnterpriseSamples.Row(9102).With(("uscc", "91310110666007217A")),
            EnterpriseSamples.Row(9103, "SEW:NOPE"),
            EnterpriseSamples.Row(9104).With(("employees", "很多")));

        var refused = await UploadAsync(leader, "企业.csv", Encoding.UTF8.GetBytes(bad));

        Assert.Equal(["3", "4", "5"], refused.QuerySelectorAll("[data-testid=problems] tr[data-line]").Select(tr => tr.GetAttribute("data-line")!));
        Assert.Contains("第 3 行", refused.QuerySelector("tr[data-line='3']")!.TextContent);
        Assert.Contains("校验位不正确", refused.QuerySelector("tr[data-line='3']")!.TextContent);
        Assert.Contains("SEW:NOPE", refused.QuerySelector("tr[data-line='4']")!.TextContent);
        Assert.Equal(0, await CountAsync("Uscc = @Uscc", new { Uscc = UsccTestHelper.Make(9101) }));

        var good = EnterpriseSamples.Csv(EnterpriseSamples.Row(9101), EnterpriseSamples.Row(9102));
        var imported = await UploadAsync(leader, "企业.csv", Encoding.UTF8.GetBytes(good));
        var again = await UploadAsync(leader, "企业.csv", Encoding.UTF8.GetBytes(good));

        Assert.Equal("2", imported.QuerySelector("[data-testid=summary]")!.GetAttribute("data-created"));
        Assert.Equal(("0", "0", "2"), (again.QuerySelector("[data-testid=summary]")!.GetAttribute("data-created"),
            again.QuerySelector("[data-testid=summary]")!.GetAttribute("data-updated"), again.QuerySelector("[data-testid=summary]")!.GetAttribute("data-unchanged")));
        var actions = await app.Db.QueryAsync<string>(
            "SELECT a.Action FROM AuditLog a JOIN Enterprises e ON a.EntityId = CAST(e.Id AS TEXT) WHERE a.EntityType = 'Enterprise' AND e.Uscc = @Uscc", new { Uscc = UsccTestHelper.Make(9101) });
        Assert.Equal(["import"], actions);
    }

    [Fact]
    public async Task Upload_of_a_wrong_file_type_is_refused_and_staff_cannot_import()
    {
        using var leader = await app.SignedInAsync("leader@demo.local", culture: "en");
        var refused = await UploadAsync(leader, "enterprises.json", Encoding.UTF8.GetBytes("{}"));
        Assert.Contains(".json", refused.QuerySelector("[data-testid=file-error]")!.TextContent);

        using var staff = await app.SignedInAsync("staff1@demo.local");
        var response = await staff.GetAsync("/enterprises/import");
        Assert.Contains("/account/accessdenied", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Null((await staff.PageAsync("/enterprises")).QuerySelector("a[href='/enterprises/import']"));
    }

    [Fact]
    public async Task A_leader_deletes_an_enterprise_after_confirmation_and_staff_cannot()
    {
        var uscc = UsccTestHelper.Make(9201);
        await app.WithImporterAsync(w => w.ImportCsvAsync(EnterpriseSamples.Csv(EnterpriseSamples.Row(9201).With(("name", "台州删除测试有限公司")))));
        var id = await EnterpriseSamples.IdOfAsync(app.Db, uscc);
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var staffPage = await staff.PageAsync($"/enterprises/{id}");
        Assert.Null(staffPage.QuerySelector("[data-testid=delete-link]"));
        var token = staffPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await staff.Client.PostAsync($"/enterprises/{id}/delete", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Contains("/account/accessdenied", refused.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await CountAsync("Uscc = @Uscc", new { Uscc = uscc }));

        using var leader = await app.SignedInAsync("leader@demo.local");
        var page = await leader.PageAsync($"/enterprises/{id}/delete");
        Assert.Contains("台州删除测试有限公司", page.QuerySelector("[data-testid=confirm]")!.TextContent);
        var list = await leader.FollowAsync(await leader.SubmitAsync(page, "[data-testid=delete-form]", new Dictionary<string, string>()));

        Assert.Contains("已删除企业", list.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(0, await CountAsync("Uscc = @Uscc", new { Uscc = uscc }));
        Assert.Equal(0L, await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM EnterpriseNodes WHERE EnterpriseId = @Id", new { Id = id }));
        Assert.Equal(["import", "delete"], await app.Db.QueryAsync<string>(
            "SELECT Action FROM AuditLog WHERE EntityType = 'Enterprise' AND EntityId = @Id ORDER BY Id", new { Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
    }

    private static async Task<IDocument> UploadAsync(TestBrowser browser, string fileName, byte[] content)
    {
        var page = await browser.PageAsync("/enterprises/import");
        var token = page.QuerySelector("form[data-testid=import-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        var response = await browser.Client.PostAsync("/enterprises/import", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestBrowser.ParseAsync(response);
    }
}
