using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Tests.Features.Chains;

/// <summary>/chains through HTTP, as a browser uses it, on the demo data (which holds the SEW chain).</summary>
public sealed class ChainPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Demo_sew_chain_page_draws_the_diagram_with_27_nodes_and_38_edges()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var page = await staff.PageAsync("/chains/SEW");

        var svg = page.QuerySelector("[data-testid=diagram] svg")!;
        Assert.Equal(27, svg.QuerySelectorAll("g.chain-node").Length);
        Assert.Equal(38, svg.QuerySelectorAll("g.chain-edges path").Length);
        Assert.NotNull(svg.QuerySelector("g.chain-node[data-node=HANG][data-key=true]"));
        Assert.Equal(27, page.QuerySelectorAll("tr[data-node]").Length);
        Assert.Contains("智能吊挂系统", page.QuerySelector("tr#node-HANG")!.TextContent);

        var english = await staff.PageAsync("/chains/SEW?culture=en");
        Assert.Contains("Intelligent hanging systems", english.QuerySelector("[data-testid=diagram] g.chain-node[data-node=HANG]")!.TextContent);
        Assert.Contains("Midstream", english.QuerySelector("[data-testid=diagram] g.chain-column[data-segment=midstream]")!.TextContent);
        Assert.Contains("Sewing equipment", (await staff.PageAsync("/chains")).QuerySelector("tr[data-chain=SEW]")!.TextContent);
    }

    [Fact]
    public async Task Staff_can_view_chains_but_is_refused_on_create_edit_and_import()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var list = await staff.PageAsync("/chains");
        Assert.NotNull(list.QuerySelector("tr[data-chain=SEW]"));
        Assert.Null(list.QuerySelector("a[href='/chains/create']"));
        await staff.PageAsync("/chains/SEW");
        Assert.Null((await staff.PageAsync("/chains/SEW")).QuerySelector("a[href='/chains/SEW/edit']"));

        foreach (var url in new[] { "/chains/create", "/chains/SEW/edit", "/chains/import", "/chains/SEW/nodes", "/chains/SEW/nodes/HANG", "/chains/SEW/edges", "/parks/create" })
        {
            var response = await staff.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, url);
            Assert.Contains("/account/accessdenied", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(response.Headers.Location!.PathAndQuery())).StatusCode);
        }

        var delete = await staff.Client.PostAsync("/chains/SEW/delete", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.OK, delete.StatusCode);
        Assert.NotNull(await app.LoadChainAsync("SEW"));
    }

    [Fact]
    public async Task Leader_creates_a_chain_with_chinese_names_adds_nodes_and_an_edge_and_sees_them_in_the_diagram()
    {
        using var leader = await app.SignedInAsync("leader@demo.local");

        var created = await leader.PostFormAsync("/chains/create", "form[data-testid=chain-form]", new Dictionary<string, string>
        {
            ["Form.Code"] = "tex",
            ["Form.Name"] = "纺织服装产业链",
            ["Form.NameEn"] = "Textiles and apparel",
        });
        Assert.Equal("/chains/TEX", created.Headers.Location!.OriginalString);

        await AddNodeAsync(leader, "TEX", "UP", "上游", Segments.Upstream);
        await AddNodeAsync(leader, "TEX", "FIBER", "化学纤维", Segments.Upstream, parent: "UP", industryCodes: "2822；C2823", key: true);
        await AddNodeAsync(leader, "TEX", "MID", "中游", Segments.Midstream);
        await AddNodeAsync(leader, "TEX", "CLOTH", "服装制造", Segments.Midstream, parent: "MID");
        var edge = await leader.PostFormAsync("/chains/TEX/edges", "form[data-testid=edge-form]", new Dictionary<string, string>
        {
            ["Form.From"] = "FIBER",
            ["Form.To"] = "CLOTH",
            ["Form.Weight"] = "0.5",
        });
        await leader.FollowAsync(edge);

        var page = await leader.PageAsync("/chains/TEX");
        Assert.Contains("纺织服装产业链", page.QuerySelector("h1")!.TextContent);
        var svg = page.QuerySelector("[data-testid=diagram] svg")!;
        Assert.Equal(4, svg.QuerySelectorAll("g.chain-node").Length);
        Assert.Contains("化学纤维", svg.QuerySelector("g.chain-node[data-node=FIBER]")!.TextContent);
        Assert.NotNull(svg.QuerySelector("path[data-from=FIBER][data-to=CLOTH]"));
        var fiberRow = page.QuerySelector("tr#node-FIBER")!;
        Assert.Contains("2822, C2823", fiberRow.TextContent);
        Assert.Contains("上游", fiberRow.TextContent);

        var stored = (await app.LoadChainAsync("TEX"))!.Map;
        Assert.Equal(new ChainNodeSpec("FIBER", "化学纤维", null, Segments.Upstream, "UP", ["2822", "C2823"], true, null), stored.Nodes[1]);
        Assert.Equal([new ChainEdgeSpec("FIBER", "CLOTH", 0.5m)], stored.Edges);
    }

    [Theory]
    [InlineData("zh-CN", "PVZH", "节点代码“SI”重复", "上级关系构成循环", "节点“SI”不能供应自身")]
    [InlineData("en", "PVEN", "Node code \"SI\" is used twice", "Parent links form a loop", "Node \"SI\" cannot supply itself")]
    public async Task Bad_node_and_edge_input_reshows_the_form_with_the_localized_message_and_writes_nothing(
        string culture, string code, string duplicate, string cycle, string selfLoop)
    {
        await app.SaveChainAsync(ChainSamples.Small(code));
        var before = (await app.LoadChainAsync(code))!;
        using var leader = await app.SignedInAsync("leader@demo.local");

        var duplicatePage = await PostAndReadAsync(leader, $"/chains/{code}/nodes?culture={culture}", "form[data-testid=node-form]", new Dictionary<string, string>
        {
            ["Form.Code"] = "SI",
            ["Form.Name"] = "重复的多晶硅",
            ["Form.Segment"] = Segments.Upstream,
        });
        Assert.Contains(duplicate, Errors(duplicatePage));
        Assert.Equal("重复的多晶硅", ((IHtmlInputElement)duplicatePage.QuerySelector("input[name='Form.Name']")!).Value);

        var cyclePage = await PostAndReadAsync(leader, $"/chains/{code}/nodes/UP?culture={culture}", "form[data-testid=node-form]", new Dictionary<string, string>
        {
            ["Form.Parent"] = "SI",
        });
        Assert.Contains(cycle, Errors(cyclePage));
        Assert.Equal("SI", ((IHtmlSelectElement)cyclePage.QuerySelector("select[name='Form.Parent']")!).Value);

        var loopPage = await PostAndReadAsync(leader, $"/chains/{code}/edges?culture={culture}", "form[data-testid=edge-form]", new Dictionary<string, string>
        {
            ["Form.From"] = "SI",
            ["Form.To"] = "SI",
        });
        Assert.Contains(selfLoop, Errors(loopPage));

        var after = (await app.LoadChainAsync(code))!;
        Assert.Equal(before.Map, after.Map);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task A_stale_chain_edit_is_refused_with_the_conflict_message_and_the_input_kept()
    {
        await app.SaveChainAsync(ChainSamples.Small("CONFLICT"));
        using var first = await app.SignedInAsync("leader@demo.local");
        using var second = await app.SignedInAsync("admin@demo.local");
        var firstForm = await first.PageAsync("/chains/CONFLICT/edit");
        var secondForm = await second.PageAsync("/chains/CONFLICT/edit");

        await first.FollowAsync(await first.SubmitAsync(firstForm, "form[data-testid=chain-form]", new Dictionary<string, string> { ["Form.Name"] = "先保存的名称" }));
        var refused = await second.SubmitAsync(secondForm, "form[data-testid=chain-form]", new Dictionary<string, string> { ["Form.Name"] = "后保存的名称" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await TestBrowser.ParseAsync(refused);
        Assert.Contains("该记录已被他人修改", page.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("后保存的名称", ((IHtmlInputElement)page.QuerySelector("input[name='Form.Name']")!).Value);
        Assert.Equal("先保存的名称", (await app.LoadChainAsync("CONFLICT"))!.Map.Name);

        // The re-shown form carries the current version: saving again is a deliberate overwrite and succeeds.
        await second.FollowAsync(await second.SubmitAsync(page, "form[data-testid=chain-form]", new Dictionary<string, string>()));
        Assert.Equal("后保存的名称", (await app.LoadChainAsync("CONFLICT"))!.Map.Name);
    }

    [Fact]
    public async Task Import_page_lists_every_problem_with_where_it_is_and_writes_nothing()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var chains = await ChainSamples.CountAsync(app.Db, "Chains");
        var json = """
            {"code":"BADFILE","name":"坏文件","nodes":[
              {"code":"A","name":"甲","segment":"upstream"},
              {"code":"A","name":"乙","segment":"upstream"}],
             "edges":[{"from":"A","to":"A"},{"from":"A","to":"NOPE","weight":2}]}
            """;

        var page = await admin.UploadAsync("bad.json", json);

        var rows = page.QuerySelectorAll("[data-testid=problems] tr[data-problem]");
        Assert.Equal(
            [
                (ChainProblemKeys.DuplicateNodeCode, "nodes[1]"),
                (ChainProblemKeys.EdgeSelfLoop, "A→A"),
                (ChainProblemKeys.EdgeNodeNotFound, "A→NOPE"),
                (ChainProblemKeys.BadEdgeWeight, "A→NOPE"),
            ],
            rows.Select(r => (r.GetAttribute("data-problem")!, r.QuerySelector("code")!.TextContent)));
        Assert.Contains("节点代码“A”重复（首次出现在 nodes[0]）", rows[0].TextContent);
        Assert.Equal(chains, await ChainSamples.CountAsync(app.Db, "Chains"));

        var notJson = await admin.UploadAsync("chain.txt", "{}");
        Assert.Contains("无法读取“chain.txt”：请上传 .json 文件", notJson.QuerySelector("[data-testid=file-error]")!.TextContent);
        var broken = await admin.UploadAsync("broken.json", "{\"code\": ");
        Assert.Equal("$", broken.QuerySelector("[data-testid=problems] tr[data-problem] code")!.TextContent);
    }

    [Fact]
    public async Task Export_then_import_round_trips_to_an_identical_map()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");

        var export = await admin.GetAsync("/chains/SEW/export");
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        var json = await export.Content.ReadAsStringAsync();
        Assert.Equal(ChainSamples.Sew, ChainMapJson.Parse(json).Map);

        var same = await admin.UploadAsync("SEW.json", json);
        Assert.Equal("unchanged", same.QuerySelector("[data-testid=summary]")!.GetAttribute("data-outcome"));

        var copy = await admin.UploadAsync("SEWCOPY.json", json.Replace("\"code\": \"SEW\"", "\"code\": \"SEWCOPY\"", StringComparison.Ordinal));
        Assert.Equal("created", copy.QuerySelector("[data-testid=summary]")!.GetAttribute("data-outcome"));
        Assert.Contains("27", copy.QuerySelector("[data-testid=summary]")!.TextContent);
        Assert.Equal(ChainSamples.Sew with { Code = "SEWCOPY" }, (await app.LoadChainAsync("SEWCOPY"))!.Map);
        var exportedCopy = await (await admin.GetAsync("/chains/SEWCOPY/export")).Content.ReadAsStringAsync();
        Assert.Equal(json.Replace("\"code\": \"SEW\"", "\"code\": \"SEWCOPY\"", StringComparison.Ordinal), exportedCopy);
    }

    [Fact]
    public async Task Deleting_a_chain_with_mapped_enterprises_is_refused_and_an_unmapped_one_is_deleted()
    {
        await app.SaveChainAsync(ChainSamples.Small("MAPPED"));
        await app.SaveChainAsync(ChainSamples.Small("GONE"));
        await ChainSamples.MapEnterpriseAsync(app.Db, "MAPPED", "CELL", uscc: "91330000MA2AXXXX1X");
        using var leader = await app.SignedInAsync("leader@demo.local");

        var refused = await leader.PostFormAsync("/chains/MAPPED", "form[action='/chains/MAPPED/delete']", new Dictionary<string, string>());
        var page = await leader.FollowAsync(refused);
        Assert.Contains("不能删除", page.QuerySelector(".alert-danger")!.TextContent);
        Assert.NotNull(await app.LoadChainAsync("MAPPED"));
        Assert.Equal(1, page.QuerySelector("tr#node-CELL td.text-end") is { } cell ? int.Parse(cell.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0);

        await leader.FollowAsync(await leader.PostFormAsync("/chains/GONE", "form[action='/chains/GONE/delete']", new Dictionary<string, string>()));
        Assert.Null(await app.LoadChainAsync("GONE"));
    }

    private static async Task AddNodeAsync(TestBrowser browser, string chain, string code, string name, string segment, string? parent = null, string? industryCodes = null, bool key = false)
    {
        var values = new Dictionary<string, string>
        {
            ["Form.Code"] = code,
            ["Form.Name"] = name,
            ["Form.Segment"] = segment,
            ["Form.Parent"] = parent ?? "",
            ["Form.IndustryCodes"] = industryCodes ?? "",
        };
        if (key)
        {
            values["Form.IsKey"] = "true";
        }

        var response = await browser.PostFormAsync($"/chains/{chain}/nodes", "form[data-testid=node-form]", values);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    private static async Task<IDocument> PostAndReadAsync(TestBrowser browser, string url, string form, Dictionary<string, string> values)
    {
        var response = await browser.PostFormAsync(url, form, values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestBrowser.ParseAsync(response);
    }

    private static string Errors(IDocument page) => page.QuerySelector("[data-testid=errors]")!.TextContent;
}
