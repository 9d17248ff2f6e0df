using InvestmentCrm.Web.Features.Chains;
using InvestmentCrm.Web.Features.Parks.Zones;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// The demo's zone and chain-chief step: the zone 台州湾经济技术开发区 holding the demo parks (一区多园), the demo
/// Leader as chief of the sewing-equipment chain, and its two largest sewing-machine makers as leading enterprises.
/// Runs after the parks, the chain and the enterprises; safe to run again: a zone that exists, a park already in a
/// zone and a chain that already has a chief or leading enterprises are left as they are. Written through the same
/// store and checks as the pages (<see cref="ZoneStore"/>, <see cref="ChainLeadership"/>), so the changes are audited.
/// </summary>
public static class ZonesChiefsDemo
{
    public const string ZoneName = "台州湾经济技术开发区";

    public const string ChainCode = "SEW";

    /// <summary>台州飞跃缝制机械 and 浙江中捷缝纫科技, the demo's sewing-machine makers (SEW:INDSEW).</summary>
    public static readonly IReadOnlyList<string> LeadingUsccs = ["91331002MA20301K2K", "91331002MA27E02K70"];

    /// <summary>Whether it created the zone.</summary>
    public static async Task<bool> SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<IDb>();
        var zones = services.GetRequiredService<ZoneStore>();
        var zoneId = (await zones.ListAsync(ct)).FirstOrDefault(z => z.Name == ZoneName)?.Id;
        var created = zoneId is null;
        if (zoneId is null)
        {
            var form = new ZoneForm { Name = ZoneName, Level = ZoneLevels.Provincial, AreaKm2 = 34.67m };
            zoneId = (await zones.SaveAsync(null, form, ct)).Id;
        }

        foreach (var park in DemoSeeder.Parks)
        {
            await db.ExecuteAsync(Sql.PutParkInZone, new { ZoneId = zoneId, park.Name }, ct);
        }

        await SeedChainLeadersAsync(db, services.GetRequiredService<ChainLeadership>(), ct);
        return created;
    }

    private static async Task SeedChainLeadersAsync(IDb db, ChainLeadership leadership, CancellationToken ct)
    {
        var chain = await db.QuerySingleOrDefaultAsync<ChainRow>(Sql.Chain, new { Code = ChainCode }, ct);
        var leaderEmail = DemoSeeder.Users.First(u => u.Role == Infrastructure.Identity.Roles.Leader).Email;
        var chief = await db.ExecuteScalarAsync<long?>(Sql.UserByEmail, new { Email = leaderEmail.ToUpperInvariant() }, ct);
        if (chain is null || chain.ChiefUserId is not null || chain.Leading > 0 || chief is null)
        {
            return;
        }

        var leading = new List<long>();
        foreach (var uscc in LeadingUsccs)
        {
            if (await db.ExecuteScalarAsync<long?>(Sql.EnterpriseByUscc, new { Uscc = uscc }, ct) is { } id)
            {
                leading.Add(id);
            }
        }

        var leaders = new ChainLeaders(chief, leading);
        await db.InTransactionAsync(async session =>
            (await ChainLeadership.ProblemsAsync(session, leaders)).Count == 0 && await leadership.WriteAsync(session, chain.Id, leaders), ct);
    }

    private sealed class ChainRow
    {
        public long Id { get; set; }
        public long? ChiefUserId { get; set; }
        public long Leading { get; set; }
    }

    internal static class Sql
    {
        public const string PutParkInZone = "UPDATE Parks SET ZoneId = @ZoneId WHERE Name = @Name AND ZoneId IS NULL";

        public const string Chain = """
            SELECT c.Id, c.ChiefUserId, (SELECT COUNT(*) FROM ChainLeadingEnterprises le WHERE le.ChainId = c.Id) AS Leading
            FROM Chains c
            WHERE c.Code = @Code
            """;

        public const string UserByEmail = "SELECT Id FROM Users WHERE NormalizedEmail = @Email";

        public const string EnterpriseByUscc = "SELECT Id FROM Enterprises WHERE Uscc = @Uscc";
    }
}
