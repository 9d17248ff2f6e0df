namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>
/// Brings the database up to date before the web server takes requests (hosted services start in the order they
/// are registered: this one first, then the demo data and the jobs).
/// </summary>
public sealed class DatabaseStartup(Migrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
