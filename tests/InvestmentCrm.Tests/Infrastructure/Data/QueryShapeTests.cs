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

    [Fact]
    public void Statements_about_one_chain_node_read_enterprises_by_key_only()
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        var failures = new List<string>();
        var planned = 0;
        foreach (var (name, sql) in SqlStatements.All(SqliteDialect.Instance))
        {
            if (!sql.Contains("@NodeCode", StringComparison.Ordinal) || !sql.Contains("Enterprises e", StringComparison.Ordinal))
            {
                continue;
            }

            planned++;
            failures.AddRange(OneNodeReadsTheRegistry(connection, sql).Select(step => $"{name}: '{step}'"));
        }

        Assert.True(planned >= 3, "the statements about one chain node's enterprises were not found");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void The_check_recognises_the_prospects_query_that_read_every_prospect_per_gap_page()
    {
        // The gap node page's prospects as they were: a join that SQLite started from every prospect of the registry.
        const string before = """
            SELECT e.Id, e.Name
            FROM Enterprises e
            JOIN EnterpriseNodes en ON en.EnterpriseId = e.Id
            JOIN ChainNodes n ON n.Id = en.NodeId
            JOIN Chains c ON c.Id = n.ChainId
            WHERE c.Code = @ChainCode AND n.Code = @NodeCode AND e.Kind = 'prospect'
              AND NOT EXISTS (SELECT 1 FROM Projects p WHERE p.EnterpriseId = e.Id AND p.Stage = 'lead')
            """;
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();

        Assert.NotEmpty(OneNodeReadsTheRegistry(connection, before));
    }

    // The enterprises of one node are a few hundred of 100,000: any read of Enterprises that is not a key lookup
    // (by Id, from the node's mappings) reads the registry, or a whole kind of it, per request.
    private static IEnumerable<PlanStep> OneNodeReadsTheRegistry(SqliteConnection connection, string sql) =>
        QueryPlans.Explain(connection, sql).Where(step => step is { Table: "Enterprises", IsLoop: true, IsKeyLookup: false });

    [Theory]
    [InlineData("InvestmentCrm.Web.Features.Notifications.NotificationFeed.Count")]
    [InlineData("InvestmentCrm.Web.Features.Notifications.NotificationFeed.Due")]
    public void A_readers_due_next_steps_are_read_from_the_open_steps_index_per_project(string statement)
    {
        // The count every page recomputes after a write: each of the reader's projects probed for its open steps due
        // by today, in an index that holds only open steps, instead of reading every step's row (8 ms → 0.6 ms).
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        var sql = SqlStatements.All(SqliteDialect.Instance).Single(s => s.Name == statement).Sql;

        var activities = QueryPlans.Explain(connection, sql).Where(step => step is { Table: "Activities", IsLoop: true }).ToList();

        Assert.NotEmpty(activities);
        Assert.All(activities, step => Assert.Contains("IX_Activities_OpenByProject (ProjectId=?", step.Detail, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("InvestmentCrm.Web.Features.Notifications.NotificationFeed.Count")]
    [InlineData("InvestmentCrm.Web.Features.Notifications.NotificationFeed.Events")]
    public void A_teams_stage_changes_are_read_from_the_window_not_per_project_of_the_team(string statement)
    {
        // Started from the team's projects (owner OR team), the count probed the history of each of 5,000 projects
        // after every write (16 ms); the window's few hundred changes, each project read by key, cost 1.4 ms.
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        var sql = SqlStatements.All(SqliteDialect.Instance).Single(s => s.Name == statement).Sql;

        var changes = Assert.Single(QueryPlans.Explain(connection, sql), step => step.Table == "ProjectStageChanges");

        Assert.Contains("(ChangedAtUtc>?)", changes.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(changes.Enclosing, loop => loop.Table == "Projects");
    }
}
