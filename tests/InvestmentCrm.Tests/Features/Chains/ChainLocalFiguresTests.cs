using System.Globalization;
using Dapper;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Chains;
using Microsoft.Data.Sqlite;

namespace InvestmentCrm.Tests.Features.Chains;

/// <summary>The demo data plus a synthetic chain (BULK) that holds most of the local registry.</summary>
public sealed class BulkChainApp() : BulkSeededApp("--chain-nodes", "60", "--chain-enterprises", "2500");

/// <summary>
/// The local enterprises and output per node of a chain (the chain page's figures, the gap model's Yₙ) and the
/// chain list's local count: each query form agrees with the mappings counted in memory, the form is chosen by the
/// chain's share of the registry, and the plans read enterprises by key or once in Id order, never per node.
/// </summary>
public sealed class ChainLocalFiguresTests(BulkChainApp app) : IClassFixture<BulkChainApp>
{
    private sealed record Expected(long NodeId, string Code, long LocalCount, decimal LocalOutputWan);

    [Theory]
    [InlineData("SEW")]
    [InlineData("BULK")]
    public async Task Both_query_forms_give_what_the_mappings_say(string chain)
    {
        var expected = await CountedInMemoryAsync(chain);
        var chainId = await ChainIdAsync(chain);

        foreach (var sql in new[] { ChainLocalFigures.Sql.ByNode, ChainLocalFigures.Sql.ByEnterprise })
        {
            var rows = await app.Db.QueryAsync<ChainLocalFigures.NodeLocal>(sql, new { ChainId = chainId });
            var actual = rows.Select(r => new Expected(r.NodeId, r.Code, r.LocalCount, r.LocalOutputWan)).OrderBy(r => r.NodeId).ToList();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task A_chain_holding_most_of_the_registry_is_read_in_enterprise_order_and_a_small_one_node_by_node()
    {
        var bulk = await ChainIdAsync("BULK");
        var sew = await ChainIdAsync("SEW");

        var (forBulk, forSew) = await app.Db.InTransactionAsync(async session =>
            (await ChainLocalFigures.ChooseAsync(session, bulk), await ChainLocalFigures.ChooseAsync(session, sew)));

        Assert.Equal(ChainLocalFigures.Sql.ByEnterprise, forBulk);
        Assert.Equal(ChainLocalFigures.Sql.ByNode, forSew);
    }

    [Fact]
    public async Task Chain_page_shows_each_node_s_local_enterprises_and_output()
    {
        var expected = (await CountedInMemoryAsync("BULK")).ToDictionary(e => e.Code);
        var browser = await app.SignedInAsync("staff1@demo.local", culture: "en");

        var page = await browser.PageAsync("/chains/BULK");

        var rows = page.QuerySelectorAll("tr[data-node]");
        Assert.Equal(60, rows.Length);
        Assert.True(expected.Count > 30, "the synthetic chain maps local enterprises to most of its nodes");
        foreach (var row in rows)
        {
            var shown = row.QuerySelector("[data-testid=local-enterprises]")!.TextContent.Trim();
            var count = expected.TryGetValue(row.GetAttribute("data-node")!, out var e) ? e.LocalCount : 0;
            Assert.Equal(count.ToString("N0", CultureInfo.GetCultureInfo("en")), shown);
        }
    }

    [Fact]
    public async Task Chain_list_counts_a_local_enterprise_once_however_many_nodes_of_the_chain_it_is_on()
    {
        var distinct = await app.Db.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM Enterprises e
            WHERE e.Kind = 'local' AND EXISTS (
                SELECT 1 FROM EnterpriseNodes en JOIN ChainNodes n ON n.Id = en.NodeId JOIN Chains c ON c.Id = n.ChainId
                WHERE en.EnterpriseId = e.Id AND c.Code = 'BULK')
            """);
        var mappings = (await CountedInMemoryAsync("BULK")).Sum(e => e.LocalCount);
        Assert.True(mappings > distinct, "some local enterprises are on two nodes of BULK");
        var browser = await app.SignedInAsync("staff1@demo.local", culture: "en");

        var page = await browser.PageAsync("/chains?q=BULK");

        var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
        Assert.Equal(distinct.ToString("N0", CultureInfo.GetCultureInfo("en")), row.QuerySelectorAll("td")[4].TextContent.Trim());
    }

    [Fact]
    public void Plans_read_enterprises_by_key_or_once_in_id_order_never_per_node_or_per_chain()
    {
        using var connection = new SqliteConnection(app.Db.ConnectionString);
        connection.Open();

        // Large chains: the local enterprises are the outer loop, from the (Kind, Id, revenue) index.
        var byEnterprise = QueryPlans.Explain(connection, ChainLocalFigures.Sql.ByEnterprise).Where(s => s.IsLoop).ToList();
        Assert.Equal("Enterprises", byEnterprise[0].Table);
        Assert.Contains("COVERING INDEX IX_Enterprises_Kind_Id", byEnterprise[0].Detail, StringComparison.Ordinal);
        Assert.All(byEnterprise.Skip(1), s => Assert.True(s.IsKeyLookup || s.Table == "EnterpriseNodes", s.Detail));

        // Small chains: node by node, each mapped enterprise looked up by its key.
        var byNode = QueryPlans.Explain(connection, ChainLocalFigures.Sql.ByNode);
        Assert.All(byNode.Where(s => s.Table == "Enterprises"), s => Assert.True(s.IsKeyLookup, s.Detail));

        // The chain list: one pass over the local enterprises for all chains, not one per chain.
        var list = QueryPlans.Explain(connection, Statement(IndexModel.Sql.List));
        var enterprises = Assert.Single(list, s => s.Table == "Enterprises");
        Assert.Contains("COVERING INDEX IX_Enterprises_Kind_Id", enterprises.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(enterprises.Enclosing, s => s.Table is "Chains" or "ChainNodes");
    }

    private static string Statement(string sql) =>
        InvestmentCrm.Web.Infrastructure.Data.SqlText.Render(
            InvestmentCrm.Web.Infrastructure.Data.SqlText.OrderBy(sql, "c.Code"), InvestmentCrm.Web.Infrastructure.Data.SqliteDialect.Instance);

    private async Task<long> ChainIdAsync(string code) =>
        await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Chains WHERE Code = @Code", new { Code = code });

    /// <summary>The figures from the raw mappings, summed here rather than by SQL.</summary>
    private async Task<List<Expected>> CountedInMemoryAsync(string chain)
    {
        await using var connection = await app.Db.OpenAsync();
        var mappings = await connection.QueryAsync<(long NodeId, string Code, string Kind, decimal? Revenue)>("""
            SELECT n.Id, n.Code, e.Kind, e.AnnualRevenueWan
            FROM EnterpriseNodes en
            JOIN ChainNodes n ON n.Id = en.NodeId
            JOIN Chains c ON c.Id = n.ChainId
            JOIN Enterprises e ON e.Id = en.EnterpriseId
            WHERE c.Code = @Chain
            """, new { Chain = chain });
        return mappings.Where(m => m.Kind == "local")
            .GroupBy(m => (m.NodeId, m.Code))
            .Select(g => new Expected(g.Key.NodeId, g.Key.Code, g.Count(), g.Sum(m => m.Revenue ?? 0m)))
            .OrderBy(e => e.NodeId)
            .ToList();
    }
}
