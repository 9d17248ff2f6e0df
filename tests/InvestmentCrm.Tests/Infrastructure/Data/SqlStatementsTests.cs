using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace InvestmentCrm.Tests.Infrastructure.Data;

/// <summary>
/// No SQL Server runs here, so every SQL Server script and statement is parsed by the T-SQL parser; every SQLite
/// statement is compiled by SQLite against the migrated schema (so a wrong table or column fails too).
/// </summary>
public sealed class SqlStatementsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    public static TheoryData<string> SqlServerScripts() =>
        new(Directory.GetFiles(RepoPaths.Db("sqlserver"), "*.sql").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(SqlServerScripts))]
    public void Sql_server_migration_parses(string script)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Db("sqlserver"), script));

        foreach (var batch in SqlServerDialect.Instance.SplitBatches(text))
        {
            AssertParses(script, batch);
        }
    }

    [Fact]
    public void Every_sql_server_statement_parses()
    {
        var statements = SqlStatements.All(SqlServerDialect.Instance);

        Assert.NotEmpty(statements);
        foreach (var (name, sql) in statements)
        {
            AssertParses(name, sql);
        }
    }

    [Fact]
    public void Every_sqlite_statement_compiles_against_the_schema()
    {
        var statements = SqlStatements.All(SqliteDialect.Instance);

        Assert.NotEmpty(statements);
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        var failures = new List<string>();
        foreach (var (name, sql) in statements)
        {
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.Prepare();
            }
            catch (SqliteException ex)
            {
                failures.Add($"{name}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void The_parser_rejects_sqlite_only_syntax_so_the_check_means_something()
    {
        var parser = new TSql150Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader("SELECT Id FROM Teams ORDER BY Name LIMIT 10 OFFSET 0"), out var errors);
        Assert.NotEmpty(errors);
    }

    private static void AssertParses(string name, string sql)
    {
        var parser = new TSql150Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, $"{name}: {string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"))}\n{sql}");
    }
}
