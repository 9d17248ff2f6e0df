namespace InvestmentCrm.Tests.Support;

/// <summary>The app with the demo data plus what <c>seed-bulk</c> adds with the given options, seeded once through
/// the command line before the class's tests run.</summary>
public abstract class BulkSeededApp(params string[] seedBulkOptions) : AppFactory, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        _ = Services; // migrates and seeds the demo before the command line adds to the same file
        var seeded = await Cli.RunAsync(DatabasePath, ["seed-bulk", .. seedBulkOptions]);
        Assert.True(seeded.ExitCode == 0, seeded.Error);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
