using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Demo;

/// <summary>The demo data: parks of Jiaojiang and the SEW chain, loaded once however often the seeder runs.</summary>
public sealed class DemoSeederTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        using var _ = app.CreateClient();
        var before = await CountsAsync();

        var summary = await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();

        Assert.Equal(new DemoSummary(0, 0, 0, 0, 0, 0, 0, 0, 0), summary);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal((3L, 1L, 27L, 38L, 2L), (before.Parks, before.Chains, before.Nodes, before.Edges, before.Links));
        Assert.Equal(20L, before.Enterprises);
    }

    [Fact]
    public async Task The_demo_registry_has_yina_as_the_prospect_for_the_missing_hanging_link()
    {
        using var _ = app.CreateClient();

        var yina = await app.Db.QuerySingleOrDefaultAsync<(string Kind, string Node)>(
            """
            SELECT e.Kind, c.Code || ':' || n.Code
            FROM Enterprises e
            JOIN EnterpriseNodes en ON en.EnterpriseId = e.Id
            JOIN ChainNodes n ON n.Id = en.NodeId
            JOIN Chains c ON c.Id = n.ChainId
            WHERE e.Name = '浙江衣拿智能科技有限公司'
            """);

        Assert.Equal(("prospect", "SEW:HANG"), yina);
        Assert.Equal(0L, await app.Db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM Enterprises e JOIN EnterpriseNodes en ON en.EnterpriseId = e.Id JOIN ChainNodes n ON n.Id = en.NodeId WHERE n.Code = 'HANG' AND e.Kind = 'local'"));
    }

    private async Task<(long Parks, long Chains, long Nodes, long Edges, long Links, long Audit, long Enterprises, long Mappings)> CountsAsync() => (
        await ChainSamples.CountAsync(app.Db, "Parks"),
        await ChainSamples.CountAsync(app.Db, "Chains"),
        await ChainSamples.CountAsync(app.Db, "ChainNodes"),
        await ChainSamples.CountAsync(app.Db, "ChainEdges"),
        await ChainSamples.CountAsync(app.Db, "ParkChains"),
        await ChainSamples.CountAsync(app.Db, "AuditLog"),
        await ChainSamples.CountAsync(app.Db, "Enterprises"),
        await ChainSamples.CountAsync(app.Db, "EnterpriseNodes"));
}
