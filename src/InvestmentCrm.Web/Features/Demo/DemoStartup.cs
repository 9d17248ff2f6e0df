using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>The <c>Demo</c> section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Load the demo data at start-up, after the migrations (the README's run command sets it).</summary>
    public bool SeedOnStart { get; set; }
}

/// <summary>Loads the demo data at start-up when <see cref="DemoOptions.SeedOnStart"/> is set; registered after the migrations.</summary>
public sealed class DemoStartup(DemoSeeder seeder, IOptions<DemoOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.SeedOnStart ? seeder.SeedAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
