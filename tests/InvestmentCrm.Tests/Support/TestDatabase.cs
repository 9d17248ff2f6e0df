using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace InvestmentCrm.Tests.Support;

/// <summary>A real SQLite file in a temporary folder, migrated, for one test class.</summary>
public sealed class TestDatabase : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory folder = new("crm-db");

    public TestDatabase()
    {
        ConnectionString = SqliteDialect.NormalizeConnectionString($"Data Source={folder.File("test.db")}", folder.Path);
        Db = new Db(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = ConnectionString });
    }

    public string ConnectionString { get; }

    public Db Db { get; }

    public Migrator Migrator => new(Db, NullLogger<Migrator>.Instance);

    public async Task InitializeAsync() => await Migrator.MigrateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => folder.Dispose();
}
