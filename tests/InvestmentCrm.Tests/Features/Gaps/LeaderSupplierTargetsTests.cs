using Dapper;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Tests.Features.Gaps;

/// <summary>
/// Recommended targets for a gap prefer the suppliers of the chain's leading enterprises (docs, "Suggested
/// prospects"): a prospect with a node that has a supply edge to a node a leading enterprise is in goes first, and
/// says so.
/// </summary>
public sealed class LeaderSupplierTargetsTests(AppFactory app) : IClassFixture<AppFactory>
{
    // Chain LD: S1 → L (the leading enterprise's link), G → M (G is missing: M has local output, G none).
    private static readonly ChainMap Chain = new("LD", "链主测试链", "Leader test chain", null,
        [
            new ChainNodeSpec("S1", "零件", "Parts", Segments.Upstream, null, [], false, null),
            new ChainNodeSpec("G", "缺口环节", "Gap link", Segments.Upstream, null, [], false, null),
            new ChainNodeSpec("L", "整机", "Machines", Segments.Midstream, null, [], false, null),
            new ChainNodeSpec("M", "成品", "Products", Segments.Downstream, null, [], false, null),
        ],
        [new ChainEdgeSpec("S1", "L", 0.5m), new ChainEdgeSpec("G", "M", 0.5m)]);

    private const string LeaderUscc = "91331002MA2LEAD001";

    [Fact]
    public async Task A_supplier_of_a_leading_enterprise_moves_ahead_of_a_same_province_prospect_with_the_reason()
    {
        Assert.True((await app.SaveChainAsync(Chain)).Succeeded);
        await EnterpriseAsync(LeaderUscc, "台州链主整机有限公司", "local", "浙江省", 90000m, "L");
        await EnterpriseAsync("91331002MA2LDM0001", "台州成品制造有限公司", "local", "浙江省", 50000m, "M");
        var near = await EnterpriseAsync("91330100MA2LDP0001", "杭州近邻科技有限公司", "prospect", "浙江省", 80000m, "G");
        var supplier = await EnterpriseAsync("91440600MA2LDP0002", "佛山配套零件有限公司", "prospect", "广东省", 1000m, "G", "S1");
        using var leader = await app.SignedInAsync("leader@demo.local");

        // Without a leading enterprise: the same-province, larger prospect first.
        var before = await leader.PageAsync("/chains/LD/gaps/G");
        Assert.Equal([near, supplier], Ranked(before));
        Assert.DoesNotContain("链主企业", before.QuerySelector("table[data-testid=targets]")!.TextContent, StringComparison.Ordinal);

        await leader.FollowAsync(await leader.PostFormAsync("/chains/LD/edit", "form[data-testid=chain-form]", new Dictionary<string, string> { ["Form.AddLeading"] = LeaderUscc }));

        var after = await leader.PageAsync("/chains/LD/gaps/G");
        Assert.Equal([supplier, near], Ranked(after));
        Assert.Equal("为链主企业台州链主整机有限公司供货：其所在环节是整机的上游（优先推荐）。",
            after.QuerySelector($"tr[data-enterprise='{supplier}'] li")!.TextContent.Trim());
        Assert.DoesNotContain("链主企业", after.QuerySelector($"tr[data-enterprise='{near}']")!.TextContent, StringComparison.Ordinal);

        using var english = await app.SignedInAsync("staff1@demo.local", culture: "en");
        Assert.Equal("Supplies the leading enterprise 台州链主整机有限公司: it is upstream of Machines (recommended first).",
            (await english.PageAsync("/chains/LD/gaps/G")).QuerySelector($"tr[data-enterprise='{supplier}'] li")!.TextContent.Trim());
    }

    private static List<long> Ranked(AngleSharp.Dom.IDocument page) =>
        [.. page.QuerySelectorAll("table[data-testid=targets] tbody tr").Select(r => long.Parse(r.GetAttribute("data-enterprise")!, System.Globalization.CultureInfo.InvariantCulture))];

    private async Task<long> EnterpriseAsync(string uscc, string name, string kind, string province, decimal revenueWan, params string[] nodes)
    {
        await using var connection = await app.Db.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, Province, AnnualRevenueWan, Version, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Uscc, @Name, @Name, @Kind, @Province, @Revenue, 1, @Now, @Now);
            SELECT last_insert_rowid();
            """, new { Uscc = uscc, Name = name, Kind = kind, Province = province, Revenue = revenueWan, Now = DateTime.UtcNow });
        foreach (var node in nodes)
        {
            await connection.ExecuteAsync(
                "INSERT INTO EnterpriseNodes (EnterpriseId, NodeId) SELECT @Id, n.Id FROM ChainNodes n JOIN Chains c ON c.Id = n.ChainId WHERE c.Code = 'LD' AND n.Code = @Node",
                new { Id = id, Node = node });
        }

        return id;
    }
}
