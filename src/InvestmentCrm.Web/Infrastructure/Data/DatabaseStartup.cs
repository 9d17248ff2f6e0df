using InvestmentCrm.Web.Features.Demo;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>
/// Brings the database up to date before the web server takes requests, and loads the demo data when
/// <c>Demo:SeedOnStart</c> is true (the README's run command sets it).
/// </summary>
public sealed class DatabaseStartup(Migrator migrator, DemoSeeder seeder, IOptions<DemoOptions> demo) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        if (demo.Value.SeedOnStart)
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The <c>Demo</c> section of configuration.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Load the demo data (idempotent) at start-up.</summary>
    public bool SeedOnStart { get; set; }
}
