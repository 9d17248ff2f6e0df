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
/// chain list's local count: the per-node totals that seed-bulk's writes left agree with the mappings counted in
/// memory, the read touches only the chain's nodes and their totals, and the chain list reads enterprises once in
/// Id order, never per chain.
/// </summary>
public sealed class ChainLocalFiguresTests(BulkChainApp app) : IClassFixture<BulkChainApp>
{
    private sealed record Expected(long NodeId, string Code, long LocalCount, decimal LocalOutputWan);

    [Theory]
    [InlineData("SEW")]
    [InlineData("BULK")]
    public async Task The_figures_read_are_what_the_mappings_say(string chain)
    {
        var expected = await CountedInMemoryAsync(chain);
        var chainId = await ChainIdAsync(chain);

        var rows = await app.Db.InTransactionAsync(session => ChainLocalFigures.ReadAsync(session, chainId));

        var actual = rows.Select(r => new Expected(r.NodeId, r.Code, r.LocalCount, r.LocalOutputWan)).OrderBy(r => r.NodeId).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Seed_bulk_s_thousands_of_mappings_leave_every_node_s_totals_exact()
    {
        Assert.True(await ChainSamples.CountAsync(app.Db, "EnterpriseNodes") > 2500);

        await LocalTotals.AssertExactAsync(app.Db, "seed-demo and seed-bulk");
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
    public void Plans_read_the_chain_s_nodes_and_their_totals_by_key_and_enterprises_once_for_every_chain()
    {
        using var connection = new SqliteConnection(app.Db.ConnectionString);
        connection.Open();

        // A chain's figures: its nodes from the (ChainId, Code) unique index, each node's totals by key; no mapping or
        // enterprise is read, however many the chain has.
        var figures = QueryPlans.Explain(connection, ChainLocalFigures.Sql.ByChain);
        Assert.Equal(["ChainNodes", "ChainNodeLocalTotals"], figures.Where(s => s.IsLoop).Select(s => s.Table));
        Assert.Contains("(ChainId=?)", figures[0].Detail, StringComparison.Ordinal);
        Assert.True(figures.Single(s => s.Table == "ChainNodeLocalTotals").IsKeyLookup, figures[1].Detail);

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
