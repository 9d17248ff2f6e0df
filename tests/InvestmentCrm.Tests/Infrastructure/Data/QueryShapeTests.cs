using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace InvestmentCrm.Tests.Infrastructure.Data;

/// <summary>
/// Query shapes that cost nodes × enterprises. The chain page once grouped its local figures by node code, and
/// SQLite then read all 60,000 local enterprises once for each of the 500 nodes of a large chain (46 s a page):
/// every statement of the app is planned here against the migrated schema, and none may read the enterprise
/// registry (a SCAN, or a SEARCH that is not a key lookup) inside a loop over several chain nodes.
/// </summary>
public sealed class QueryShapeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public void No_statement_reads_the_enterprises_once_per_chain_node()
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        var failures = new List<string>();
        var planned = 0;
        foreach (var (name, sql) in SqlStatements.All(SqliteDialect.Instance))
        {
            if (!sql.Contains("Enterprises", StringComparison.Ordinal) || !sql.Contains("ChainNodes", StringComparison.Ordinal))
            {
                continue;
            }

            planned++;
            var plan = QueryPlans.Explain(connection, sql);
            failures.AddRange(plan
                .Where(step => step is { Table: "Enterprises", IsLoop: true, IsKeyLookup: false }
                    && step.Enclosing.Any(loop => loop is { Table: "ChainNodes", IsSingleRow: false }))
                .Select(step => $"{name}: '{step}' inside '{string.Join(" → ", step.Enclosing)}'"));
        }

        Assert.True(planned > 5, "the statements that join chain nodes and enterprises were not found");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void The_check_recognises_the_chain_page_query_that_took_46_seconds()
    {
        // The chain page's figures as they were: grouped by n.Code, SQLite loops nodes, then local enterprises.
        const string before = """
            SELECT n.Code, COUNT(e.Id) AS LocalCount, COALESCE(SUM(e.AnnualRevenueWan), 0) AS LocalOutputWan
            FROM ChainNodes n
            JOIN EnterpriseNodes en ON en.NodeId = n.Id
            JOIN Enterprises e ON e.Id = en.EnterpriseId
            WHERE n.ChainId = @ChainId AND e.Kind = 'local'
            GROUP BY n.Code
            """;
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();

        var plan = QueryPlans.Explain(connection, before);

        var enterprises = Assert.Single(plan, step => step.Table == "Enterprises");
        Assert.False(enterprises.IsKeyLookup, enterprises.Detail);
        Assert.Contains(enterprises.Enclosing, loop => loop.Table == "ChainNodes" && !loop.IsSingleRow);
    }
}
