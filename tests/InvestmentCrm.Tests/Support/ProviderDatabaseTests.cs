using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Support;

/// <summary>
/// A test class run once per provider (a subclass per provider with [ProviderFact]s) on its own fresh, migrated
/// database; on SQL Server only when <c>INVESTMENTCRM_SQLSERVER</c> is set (the facts are skipped otherwise).
/// </summary>
public abstract class ProviderDatabaseTests(DatabaseProvider provider) : IAsyncLifetime
{
    private ProviderDatabase? database;

    protected Db Db => database!.Db;

    protected DatabaseProvider Provider => provider;

    public async Task InitializeAsync()
    {
        if (provider == DatabaseProvider.Sqlite || SqlServerTarget.ConnectionString is not null)
        {
            database = await ProviderDatabase.CreateAsync(provider);
            await SeedAsync();
        }
    }

    /// <summary>What every test of the class starts from, beyond the empty schema.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
