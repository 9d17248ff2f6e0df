using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging.Abstractions;

namespace InvestmentCrm.Tests.Support;

/// <summary>A fresh, migrated database of one provider: a SQLite file, or a throwaway database on SQL Server.</summary>
public sealed class ProviderDatabase : IAsyncDisposable
{
    private readonly Func<Task> drop;

    private ProviderDatabase(Db db, Func<Task> drop)
    {
        Db = db;
        this.drop = drop;
    }

    public Db Db { get; }

    public static async Task<ProviderDatabase> CreateAsync(DatabaseProvider provider)
    {
        var database = await CreateEmptyAsync(provider);
        await new Migrator(database.Db, NullLogger<Migrator>.Instance).MigrateAsync();
        return database;
    }

    /// <summary>A database with no schema yet (a test that migrates in steps).</summary>
    public static async Task<ProviderDatabase> CreateEmptyAsync(DatabaseProvider provider) =>
        provider == DatabaseProvider.SqlServer ? await CreateSqlServerAsync() : CreateSqlite();

    private static ProviderDatabase CreateSqlite()
    {
        var folder = new TempDirectory("crm-provider");
        var db = new Db(new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = SqliteDialect.NormalizeConnectionString($"Data Source={folder.File("p.db")}", folder.Path),
        });
        return new ProviderDatabase(db, () =>
        {
            folder.Dispose();
            return Task.CompletedTask;
        });
    }

    private static async Task<ProviderDatabase> CreateSqlServerAsync()
    {
        var server = new SqlConnectionStringBuilder(SqlServerTarget.ConnectionString ?? throw new InvalidOperationException(SqlServerTarget.SkipReason));
        var name = $"crm_test_{Guid.NewGuid():N}";
        server.InitialCatalog = "master";
        await using (var master = new SqlConnection(server.ConnectionString))
        {
            await master.OpenAsync();
            await using var create = master.CreateCommand();
            create.CommandText = $"CREATE DATABASE [{name}]";
            await create.ExecuteNonQueryAsync();
        }

        var target = new SqlConnectionStringBuilder(server.ConnectionString) { InitialCatalog = name };
        var db = new Db(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = target.ConnectionString });
        return new ProviderDatabase(db, async () =>
        {
            SqlConnection.ClearAllPools();
            await using var master = new SqlConnection(server.ConnectionString);
            await master.OpenAsync();
            await using var dropCommand = master.CreateCommand();
            dropCommand.CommandText = $"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]";
            await dropCommand.ExecuteNonQueryAsync();
        });
    }

    public async ValueTask DisposeAsync() => await drop();
}
