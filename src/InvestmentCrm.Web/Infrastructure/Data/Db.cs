using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>
/// The application's database: opens connections for the configured provider and offers Dapper's calls with a
/// cancellation token. Pages and jobs take this, run their own SQL and never see the provider. Every statement
/// passes through <see cref="SqlText.Render"/>, so a query may end in <c>/**paging**/</c>.
/// </summary>
public interface IDb
{
    ISqlDialect Dialect { get; }

    Task<DbConnection> OpenAsync(CancellationToken ct = default);

    Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null, CancellationToken ct = default);

    Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param = null, CancellationToken ct = default);

    Task<T?> ExecuteScalarAsync<T>(string sql, object? param = null, CancellationToken ct = default);

    Task<int> ExecuteAsync(string sql, object? param = null, CancellationToken ct = default);

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns, rolled back if it throws.</summary>
    Task<T> InTransactionAsync<T>(Func<DbSession, Task<T>> work, CancellationToken ct = default);
}

public sealed class Db : IDb
{
    private readonly DatabaseOptions options;

    public Db(DatabaseOptions options)
    {
        this.options = options;
        Dialect = options.Provider == DatabaseProvider.SqlServer ? SqlServerDialect.Instance : SqliteDialect.Instance;
        DbTypeHandlers.Register();
    }

    public ISqlDialect Dialect { get; }

    public DatabaseProvider Provider => options.Provider;

    public string ConnectionString => options.ConnectionString;

    public DbConnection CreateConnection() => options.Provider switch
    {
        DatabaseProvider.SqlServer => new SqlConnection(options.ConnectionString),
        _ => new SqliteConnection(options.ConnectionString),
    };

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = CreateConnection();
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<T>(Command(sql, param, null, ct));
        return rows.AsList();
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<T>(Command(sql, param, null, ct));
    }

    public async Task<T?> ExecuteScalarAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteScalarAsync<T>(Command(sql, param, null, ct));
    }

    public async Task<int> ExecuteAsync(string sql, object? param = null, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteAsync(Command(sql, param, null, ct));
    }

    public async Task<T> InTransactionAsync<T>(Func<DbSession, Task<T>> work, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var result = await work(new DbSession(connection, transaction, Dialect, ct));
        await transaction.CommitAsync(ct);
        return result;
    }

    internal CommandDefinition Command(string sql, object? param, DbTransaction? transaction, CancellationToken ct) =>
        new(SqlText.Render(sql, Dialect), param, transaction, cancellationToken: ct);
}

/// <summary>One connection and its open transaction, with the same calls as <see cref="IDb"/>.</summary>
public sealed class DbSession(DbConnection connection, DbTransaction transaction, ISqlDialect dialect, CancellationToken ct)
{
    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public ISqlDialect Dialect => dialect;

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null) =>
        (await connection.QueryAsync<T>(Command(sql, param))).AsList();

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param = null) =>
        connection.QuerySingleOrDefaultAsync<T>(Command(sql, param));

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? param = null) =>
        connection.ExecuteScalarAsync<T>(Command(sql, param));

    public Task<int> ExecuteAsync(string sql, object? param = null) =>
        connection.ExecuteAsync(Command(sql, param));

    /// <summary>Runs an INSERT and returns the key it generated.</summary>
    public Task<long> InsertAsync(string sql, object? param = null) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            SqlText.Render(sql, dialect) + ";\n" + dialect.SelectNewId, param, transaction, cancellationToken: ct));

    private CommandDefinition Command(string sql, object? param) =>
        new(SqlText.Render(sql, dialect), param, transaction, cancellationToken: ct);
}

/// <summary>The placeholders a portable statement may hold, filled in by the dialect.</summary>
public static class SqlText
{
    /// <summary>Goes after ORDER BY; becomes LIMIT/OFFSET or OFFSET/FETCH with @Skip and @Take.</summary>
    public const string Paging = "/**paging**/";

    /// <summary>Goes after ORDER BY; replaced by <see cref="OrderBy(string, string)"/> with a whitelisted expression.</summary>
    public const string OrderByPlaceholder = "/**orderby**/";

    /// <summary>Fills the ORDER BY placeholder; the expression must come from a whitelist, never from user text.</summary>
    public static string OrderBy(string sql, string orderBy) => sql.Replace(OrderByPlaceholder, orderBy, StringComparison.Ordinal);

    public static string Render(string sql, ISqlDialect dialect) =>
        sql.Contains(Paging, StringComparison.Ordinal) ? sql.Replace(Paging, dialect.Paging, StringComparison.Ordinal) : sql;
}
