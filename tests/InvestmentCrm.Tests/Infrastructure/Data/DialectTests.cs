using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace InvestmentCrm.Tests.Infrastructure.Data;

public sealed class DialectTests
{
    private const string Query = "SELECT Id FROM Teams ORDER BY Name " + SqlText.Paging;

    [Fact]
    public void Paging_placeholder_becomes_limit_offset_on_sqlite()
    {
        Assert.Equal("SELECT Id FROM Teams ORDER BY Name LIMIT @Take OFFSET @Skip", SqlText.Render(Query, SqliteDialect.Instance));
    }

    [Fact]
    public void Paging_placeholder_becomes_offset_fetch_on_sql_server()
    {
        Assert.Equal("SELECT Id FROM Teams ORDER BY Name OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY", SqlText.Render(Query, SqlServerDialect.Instance));
    }

    [Fact]
    public void Order_by_placeholder_takes_the_whitelisted_expression()
    {
        var sql = SqlText.OrderBy("SELECT Id FROM Teams ORDER BY " + SqlText.OrderByPlaceholder, "Name DESC, Id");
        Assert.Equal("SELECT Id FROM Teams ORDER BY Name DESC, Id", sql);
    }

    [Fact]
    public void Sql_server_scripts_split_on_go_lines_only()
    {
        var batches = SqlServerDialect.Instance.SplitBatches("CREATE TABLE A (Go int);\nGO\nCREATE TABLE B (Id int);\n  go  \n\nGO\n");

        Assert.Equal(["CREATE TABLE A (Go int);", "CREATE TABLE B (Id int);"], batches);
    }

    [Fact]
    public void Sqlite_scripts_run_as_one_batch()
    {
        Assert.Single(SqliteDialect.Instance.SplitBatches("CREATE TABLE A (Id int);\nCREATE TABLE B (Id int);"));
        Assert.Empty(SqliteDialect.Instance.SplitBatches("  "));
    }

    [Fact]
    public void Concatenation_differs_by_dialect()
    {
        Assert.Equal("a || b || c", SqliteDialect.Instance.Concat("a", "b", "c"));
        Assert.Equal("a + b + c", SqlServerDialect.Instance.Concat("a", "b", "c"));
    }

    [Fact]
    public void Relative_sqlite_file_is_anchored_at_the_content_root_with_its_folder_created_and_foreign_keys_on()
    {
        using var root = new TempDirectory();

        var normalized = new SqliteConnectionStringBuilder(SqliteDialect.NormalizeConnectionString("Data Source=App_Data/x.db", root.Path));

        Assert.Equal(Path.Combine(root.Path, "App_Data", "x.db"), normalized.DataSource);
        Assert.True(Directory.Exists(Path.Combine(root.Path, "App_Data")));
        Assert.True(normalized.ForeignKeys);
    }

    [Fact]
    public void Busy_and_locked_sqlite_errors_are_transient_others_are_not()
    {
        Assert.True(SqliteDialect.Instance.IsTransient(new SqliteException("busy", 5)));
        Assert.False(SqliteDialect.Instance.IsTransient(new SqliteException("constraint", 19)));
        Assert.False(SqlServerDialect.Instance.IsTransient(new InvalidOperationException()));
    }
}
