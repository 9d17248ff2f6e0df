using InvestmentCrm.Web.Features.Demo;

namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>
/// Brings the database up to date before the web server takes requests, and loads the demo data when
/// <c>Demo:SeedOnStart</c> is true (the README's run command sets it).
/// </summary>
public sealed class DatabaseStartup(Migrator migrator, DemoSeeder seeder, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        if (configuration.GetValue("Demo:SeedOnStart", false))
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
