using Microsoft.Data.Sqlite;

namespace InvestmentCrm.Web.Infrastructure.Data;

public sealed class SqliteDialect : ISqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public string Name => "sqlite";

    public string Paging => "LIMIT @Take OFFSET @Skip";

    public string SelectNewId => "SELECT last_insert_rowid()";

    // SQLite serialises writers itself; a second migrator waits on the write lock of the first.
    public string MigrationLock => string.Empty;

    public string ScrubDeletes(bool on) => on ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF";

    public string CreateMigrationJournal => $"""
        CREATE TABLE IF NOT EXISTS {Migrator.JournalTable} (
            ScriptName TEXT NOT NULL PRIMARY KEY,
            Checksum TEXT NOT NULL,
            AppliedAtUtc TEXT NOT NULL)
        """;

    public string Concat(params string[] expressions) => string.Join(" || ", expressions);

    public IReadOnlyList<string> SplitBatches(string script) =>
        string.IsNullOrWhiteSpace(script) ? [] : [script];

    public bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED


    public string EnterpriseSearchIds(TextSearch search, Dapper.DynamicParameters parameters) => TextSearchSql.Sqlite(search, parameters);

    public string ContactSearchIds(TextSearch search, Dapper.DynamicParameters parameters) => TextSearchSql.SqliteContacts(search, parameters);

    /// <summary>Resolves a relative file name against the content root, creates its folder and turns on foreign keys.</summary>
    public static string NormalizeConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        var inMemory = string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory;
        if (!inMemory)
        {
            if (!Path.IsPathRooted(dataSource))
            {
                dataSource = Path.GetFullPath(Path.Combine(contentRoot, dataSource));
                builder.DataSource = dataSource;
            }

            var folder = Path.GetDirectoryName(dataSource);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        builder.ForeignKeys = true;
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
