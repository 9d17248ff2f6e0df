using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Demo;

/// <summary>The demo data: parks of Jiaojiang and the SEW chain, loaded once however often the seeder runs.</summary>
public sealed class DemoSeederTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        using var _ = app.CreateClient();
        var before = await CountsAsync();

        var summary = await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();

        Assert.Equal("users +0, parks +0, chains +0, projects +0", summary);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal((3L, 1L, 27L, 38L, 2L), (before.Parks, before.Chains, before.Nodes, before.Edges, before.Links));
    }

    private async Task<(long Parks, long Chains, long Nodes, long Edges, long Links, long Audit)> CountsAsync() => (
        await ChainSamples.CountAsync(app.Db, "Parks"),
        await ChainSamples.CountAsync(app.Db, "Chains"),
        await ChainSamples.CountAsync(app.Db, "ChainNodes"),
        await ChainSamples.CountAsync(app.Db, "ChainEdges"),
        await ChainSamples.CountAsync(app.Db, "ParkChains"),
        await ChainSamples.CountAsync(app.Db, "AuditLog"));
}
