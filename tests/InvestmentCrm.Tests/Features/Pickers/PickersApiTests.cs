using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Pickers;

/// <summary>The pickers' JSON endpoints (who may ask, what they answer, their limits) and the forms without script:
/// a typed USCC, full name or CHAIN:NODE reference is accepted, anything else refused with the text kept.</summary>
public sealed class PickersApiTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private static async Task<JsonElement> JsonAsync(TestBrowser browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static IEnumerable<string> Values(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("value").GetString()!);

    [Fact]
    public async Task Anonymous_callers_get_401_and_no_data()
    {
        using var client = app.NewCookielessClient();
        foreach (var url in new[] { "/api/pickers/enterprises?q=衣拿", "/api/pickers/nodes?q=HANG" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("衣拿", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Staff_of_another_team_get_the_same_registry_and_no_project()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        using var staff2 = await app.AsAsync("staff2@demo.local");

        var first = await staff1.Client.GetStringAsync("/api/pickers/enterprises?q=" + Uri.EscapeDataString("衣拿"));
        var second = await staff2.Client.GetStringAsync("/api/pickers/enterprises?q=" + Uri.EscapeDataString("衣拿"));

        Assert.Equal(first, second); // the registry is everyone's; nothing depends on the reader's team
        Assert.Contains("91330110MA25215KAT", first);
        Assert.DoesNotContain("JJ2026", first); // enterprises name no project, so no scope can leak through them
        var item = JsonDocument.Parse(first).RootElement.GetProperty("items")[0];
        Assert.Equal(["detail", "id", "label", "value"], item.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Enterprises_are_found_by_name_product_or_uscc_and_nodes_by_name_code_or_chain()
    {
        using var staff = await app.AsAsync("staff1@demo.local");

        Assert.Contains("91330110MA25215KAT", Values(await JsonAsync(staff, "/api/pickers/enterprises?q=" + Uri.EscapeDataString("衣拿"))));
        Assert.Contains("91330110MA25215KAT", Values(await JsonAsync(staff, "/api/pickers/enterprises?q=91330110ma")));
        Assert.Contains("SEW:HANG", Values(await JsonAsync(staff, "/api/pickers/nodes?q=" + Uri.EscapeDataString("吊挂"))));
        Assert.Equal(["SEW:HANG"], Values(await JsonAsync(staff, "/api/pickers/nodes?q=sew:han")));
        var withChains = await JsonAsync(staff, "/api/pickers/nodes?q=SEW&chains=true");
        Assert.Equal("SEW", Values(withChains).First());
        Assert.Empty(Values(await JsonAsync(staff, "/api/pickers/nodes?q=" + Uri.EscapeDataString("没有这个环节"))));
    }

    [Fact]
    public async Task Pages_are_limited_and_bad_queries_get_a_localized_400()
    {
        await app.WithImporterAsync(i => i.ImportCsvAsync(EnterpriseSamples.Csv([.. Enumerable.Range(9401, 25).Select(n => EnterpriseSamples.Row(n))])));
        using var staff = await app.AsAsync("staff1@demo.local");

        var first = await JsonAsync(staff, "/api/pickers/enterprises");
        Assert.Equal(20, first.GetProperty("items").GetArrayLength());
        Assert.True(first.GetProperty("more").GetBoolean());
        var second = await JsonAsync(staff, "/api/pickers/enterprises?p=2");
        Assert.Empty(Values(first).Intersect(Values(second)));

        var tooLong = await staff.GetAsync("/api/pickers/enterprises?q=" + new string('企', 101));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("最多 100 个字符", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/pickers/nodes?p=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/pickers/nodes?p=51")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/pickers/nodes?p=abc")).StatusCode);
    }

    [Fact]
    public async Task Without_script_the_project_form_takes_a_typed_full_name_and_node_codes_and_refuses_unknown_ones_keeping_the_text()
    {
        using var staff = await app.AsAsync("staff2@demo.local");
        var form = await staff.PageAsync("/projects/create");

        var refused = await TestBrowser.ParseAsync(await staff.SubmitAsync(form, "[data-testid=project-form]", new Dictionary<string, string>
        {
            ["Form.Title"] = "无脚本测试项目",
            ["Form.Enterprise"] = "台州不存在的企业",
            ["Form.AddNodes"] = "SEW:HANG, SEW:NOPE",
        }));
        Assert.Contains("找不到统一社会信用代码或全称为“台州不存在的企业”的企业", refused.QuerySelector("[data-valmsg-for='Form.Enterprise']")!.TextContent);
        Assert.Contains("SEW:NOPE", refused.QuerySelector("[data-valmsg-for='Form.AddNodes']")!.TextContent);
        Assert.Equal("台州不存在的企业", refused.QuerySelector<IHtmlInputElement>("#Form_Enterprise")!.Value);
        Assert.Equal("SEW:HANG, SEW:NOPE", refused.QuerySelector<IHtmlInputElement>("#Form_AddNodes")!.Value);

        var created = await staff.SubmitAsync(refused, "[data-testid=project-form]", new Dictionary<string, string>
        {
            ["Form.Enterprise"] = "浙江衣拿智能科技有限公司",
            ["Form.AddNodes"] = "sew：hang",
        });
        var detail = await staff.FollowAsync(created);
        Assert.NotNull(detail.QuerySelector("[data-testid=nodes] [data-node='SEW:HANG']"));
        var code = created.Headers.Location!.OriginalString["/projects/".Length..];
        Assert.Equal("91330110MA25215KAT", await app.ScalarAsync<string>(
            "SELECT e.Uscc FROM Projects p JOIN Enterprises e ON e.Id = p.EnterpriseId WHERE p.Code = @Code", new { Code = code }));
    }

    [Fact]
    public async Task The_project_node_filter_takes_a_node_code_and_says_when_it_names_none()
    {
        using var admin = await app.AsAsync("admin@demo.local");
        var expected = await app.ScalarAsync<long>("""
            SELECT COUNT(*) FROM Projects p WHERE EXISTS (SELECT 1 FROM ProjectNodes pn JOIN ChainNodes n ON n.Id = pn.NodeId
            JOIN Chains c ON c.Id = n.ChainId WHERE pn.ProjectId = p.Id AND c.Code = 'SEW' AND n.Code = 'HANG')
            """);

        var page = await admin.PageAsync("/projects?node=SEW:HANG");
        Assert.True(expected > 0);
        Assert.Equal(expected, page.QuerySelectorAll("[data-testid=projects] tbody tr").Length);
        Assert.Contains("(SEW:HANG)", page.QuerySelector("[data-picker-current]")!.TextContent);

        var unknown = await admin.PageAsync("/projects?node=SEW:NOPE");
        Assert.Contains("SEW:NOPE", unknown.QuerySelector("[data-testid=unknown-node]")!.TextContent);
        Assert.Empty(unknown.QuerySelectorAll("[data-testid=projects] tbody tr"));
    }
}
