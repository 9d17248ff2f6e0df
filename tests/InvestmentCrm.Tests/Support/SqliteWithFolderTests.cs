using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Support;

/// <summary>For test classes that need, per test, a fresh migrated SQLite database and a temporary folder (a maildir,
/// a pickup directory), both removed afterwards.</summary>
public abstract class SqliteWithFolderTests(string folderPrefix) : IAsyncLifetime
{
    protected TempDirectory Folder { get; } = new(folderPrefix);

    protected ProviderDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await ProviderDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync()
    {
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        Folder.Dispose();
    }
}
