using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Chains;

/// <summary>
/// ChainNodeLocalTotals stays exact through the pages a browser uses, on the demo data: the enterprise form (create,
/// kind, revenue, nodes), the enterprise delete page, the enterprise import and the chain map import and delete.
/// </summary>
public sealed class ChainNodeLocalTotalsPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<IDocument> SaveAsync(TestBrowser browser, string url, Dictionary<string, string> fields, params string[] addNodes)
    {
        var form = await browser.PageAsync(url);
        ((IHtmlInputElement)form.QuerySelector("input[name='Form.AddNodes']")!).Value = string.Join(", ", addNodes);
        var page = await browser.FollowAsync(await browser.SubmitAsync(form, "form[data-testid=enterprise-form]", fields));
        Assert.Null(page.QuerySelector("form[data-testid=enterprise-form]")); // saved: the enterprise's page, not the form again
        return page;
    }

    [Fact]
    public async Task The_enterprise_form_and_delete_page_keep_the_totals_exact()
    {
        await LocalTotals.AssertExactAsync(app.Db, "seed-demo");
        var uscc = UsccTestHelper.Make(9601);
        using var staff = await app.SignedInAsync("staff1@demo.local");

        await SaveAsync(staff, "/enterprises/create", new()
        {
            ["Form.Uscc"] = uscc,
            ["Form.Name"] = "台州合计测试缝制有限公司",
            ["Form.Kind"] = "local",
            ["Form.Province"] = "浙江省",
            ["Form.City"] = "台州市",
            ["Form.AnnualRevenueWan"] = "0.1",
        }, "SEW:CUT", "SEW:HANG");
        await LocalTotals.AssertExactAsync(app.Db, "creating a local enterprise on two nodes");
        var id = await EnterpriseSamples.IdOfAsync(app.Db, uscc);

        foreach (var (field, value, what) in new[]
        {
            ("Form.AnnualRevenueWan", "0.2", "revenue 0.1 → 0.2"),
            ("Form.AnnualRevenueWan", "12345.67", "revenue 0.2 → 12345.67"),
            ("Form.Kind", "prospect", "local → prospect"),
            ("Form.AnnualRevenueWan", "", "a prospect's revenue → none"),
            ("Form.Kind", "local", "prospect → local without revenue"),
            ("Form.AnnualRevenueWan", "0.3", "no revenue → 0.3"),
        })
        {
            await SaveAsync(staff, $"/enterprises/{id}/edit", new() { [field] = value });
            await LocalTotals.AssertExactAsync(app.Db, what);
        }

        var edit = await staff.PageAsync($"/enterprises/{id}/edit");
        ((IHtmlInputElement)edit.QuerySelector("input[data-node='SEW:HANG']")!).IsChecked = false;
        await staff.FollowAsync(await staff.SubmitAsync(edit, "form[data-testid=enterprise-form]", new Dictionary<string, string>()));
        Assert.Equal(1L, await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM EnterpriseNodes WHERE EnterpriseId = @Id", new { Id = id }));
        await LocalTotals.AssertExactAsync(app.Db, "unmapping a node in the form");

        using var leader = await app.SignedInAsync("leader@demo.local");
        var details = await leader.PageAsync($"/enterprises/{id}/delete");
        await leader.FollowAsync(await leader.SubmitAsync(details, "[data-testid=delete-form]", new Dictionary<string, string>()));
        Assert.Equal(0L, await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Enterprises WHERE Id = @Id", new { Id = id }));
        await LocalTotals.AssertExactAsync(app.Db, "the delete page");
    }

    [Fact]
    public async Task The_enterprise_import_and_the_chain_import_and_delete_keep_the_totals_exact()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var json = await (await admin.GetAsync("/chains/SEW/export")).Content.ReadAsStringAsync();
        var copy = await admin.UploadAsync("TOTALS.json", json.Replace("\"code\": \"SEW\"", "\"code\": \"TOTALS\"", StringComparison.Ordinal));
        Assert.Equal("created", copy.QuerySelector("[data-testid=summary]")!.GetAttribute("data-outcome"));
        await LocalTotals.AssertExactAsync(app.Db, "importing a new chain map");

        var rows = Enumerable.Range(9700, 6).Select(n => EnterpriseSamples.Row(n, n % 2 == 0 ? "TOTALS:HANG;SEW:HANG" : "TOTALS:CUT")).ToArray();
        var imported = await admin.UploadAsync("企业.csv", EnterpriseSamples.Csv(rows), "/enterprises/import");
        Assert.Equal("6", imported.QuerySelector("[data-testid=summary]")!.GetAttribute("data-created"));
        await LocalTotals.AssertExactAsync(app.Db, "the enterprise import creating enterprises");

        var changed = rows.Select(r => r.With(
            ("kind", r["kind"] == "local" ? "prospect" : "local"),
            ("annual_revenue_wan", r["kind"] == "local" ? "" : "0.07"),
            ("chain_nodes", "TOTALS:CUT"))).ToArray();
        var updated = await admin.UploadAsync("企业.csv", EnterpriseSamples.Csv(changed), "/enterprises/import");
        Assert.Equal("6", updated.QuerySelector("[data-testid=summary]")!.GetAttribute("data-updated"));
        await LocalTotals.AssertExactAsync(app.Db, "the enterprise import changing kinds, revenue and nodes");

        await app.Db.ExecuteAsync("DELETE FROM EnterpriseNodes WHERE NodeId IN (SELECT n.Id FROM ChainNodes n JOIN Chains c ON c.Id = n.ChainId WHERE c.Code = 'TOTALS')");
        await admin.FollowAsync(await admin.PostFormAsync("/chains/TOTALS", "form[action='/chains/TOTALS/delete']", new Dictionary<string, string>()));
        Assert.Null(await app.LoadChainAsync("TOTALS"));
        await LocalTotals.AssertExactAsync(app.Db, "the chain delete page");
    }
}
