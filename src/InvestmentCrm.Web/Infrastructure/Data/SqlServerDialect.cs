using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;

namespace InvestmentCrm.Web.Infrastructure.Data;

public sealed partial class SqlServerDialect : ISqlDialect
{
    public static readonly SqlServerDialect Instance = new();

    public string Name => "sqlserver";

    public string Paging => "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

    public string SelectNewId => "SELECT CAST(SCOPE_IDENTITY() AS bigint)";

    // Held for the session, so it spans the per-script transactions; released when the connection closes.
    public string ScrubDeletes(bool on) => string.Empty;

    public string MigrationLock =>
        "EXEC sp_getapplock @Resource = N'InvestmentCrm.Migrations', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = 120000";

    public string CreateMigrationJournal => $"""
        IF OBJECT_ID(N'{Migrator.JournalTable}', N'U') IS NULL
        CREATE TABLE {Migrator.JournalTable} (
            ScriptName nvarchar(200) NOT NULL CONSTRAINT PK_{Migrator.JournalTable} PRIMARY KEY,
            Checksum char(64) NOT NULL,
            AppliedAtUtc datetime2 NOT NULL)
        """;

    public string Concat(params string[] expressions) => string.Join(" + ", expressions);

    public IReadOnlyList<string> SplitBatches(string script) =>
        GoSeparator().Split(script).Where(batch => !string.IsNullOrWhiteSpace(batch)).Select(batch => batch.Trim()).ToList();

    public bool IsTransient(Exception exception) =>
        exception is SqlException sql && sql.Errors.Cast<SqlError>().Any(e => e.Number is 1205 or 1222 or -2 or 40613 or 40501 or 40197 or 49918 or 4060 or 233 or 10053 or 10054 or 10060);


    public string EnterpriseSearchIds(TextSearch search, Dapper.DynamicParameters parameters) => TextSearchSql.SqlServer(search, parameters);

    public string ContactSearchIds(TextSearch search, Dapper.DynamicParameters parameters) => TextSearchSql.SqlServerContactIds(search, parameters);

    [GeneratedRegex(@"^\s*GO\s*;?\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoSeparator();
}
