using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Features.Admin.Users;
using InvestmentCrm.Web.Features.Chains;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Features.Gaps;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// The Jiaojiang demo (the bureau that found its missing hanging-system link): users of every role, two teams, three parks of Jiaojiang District
/// and the sewing-equipment chain linked to two of them, and the year's targets (<see cref="TargetsDemo"/>). Safe to run again: whatever exists already is left as it is.
/// </summary>
/// <summary>What one run of the demo loader created, kind by kind (a second run: all zero).</summary>
public sealed record DemoSummary(int Users, int Parks, int Chains, int Enterprises, int Projects, int FollowUps, int LandRecords, int Matters, int FundsEntries);

public sealed class DemoSeeder(IServiceScopeFactory scopes, ILogger<DemoSeeder> logger)
{
    public const string Password = "Demo@2026";

    public const string ChainResource = "Demo/sew-chain.json";

    public static readonly IReadOnlyList<(string Email, string Name, string Role, string? Team)> Users =
    [
        ("admin@demo.local", "系统管理员", Roles.Admin, null),
        ("leader@demo.local", "王建国", Roles.Leader, null),
        ("staff1@demo.local", "李招商", Roles.Staff, "招商一科"),
        ("staff2@demo.local", "陈晓燕", Roles.Staff, "招商二科"),
    ];

    /// <summary>Parks of Jiaojiang District (台州市椒江区); area in 亩; the last field says whether the SEW chain is linked.</summary>
    public static readonly IReadOnlyList<(string Name, string District, decimal AreaMu, string LeadingIndustries, bool SewChain)> Parks =
    [
        ("台州湾经济技术开发区", "台州市椒江区", 52000m, "智能缝制设备；医药健康；汽车及零部件；新材料", true),
        ("椒江智能缝制装备产业园", "台州市椒江区", 2860m, "工业缝纫机；智能吊挂系统；伺服电控", true),
        ("椒江绿色药都小镇", "台州市椒江区", 5300m, "原料药；高端制剂；医药研发外包", false),
    ];

    /// <summary>The demo chain map, embedded in the assembly so the seeder runs from any directory.</summary>
    public static string ChainJson()
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream(ChainResource)
            ?? throw new InvalidOperationException($"Embedded resource {ChainResource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads what is missing; returns how many of each kind it created.</summary>
    public async Task<DemoSummary> SeedAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<AuditLog>().SystemActor = "demo";
        var accounts = services.GetRequiredService<UserAccounts>();
        var userManager = services.GetRequiredService<UserManager<AppUser>>();

        var created = 0;
        foreach (var (email, name, role, team) in Users)
        {
            if (await userManager.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var result = await accounts.CreateAsync(email, name, Password, role, team, ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors)}");
            }

            created++;
        }

        var (parks, sewParks) = await SeedParksAsync(services.GetRequiredService<IDb>(), services.GetRequiredService<TimeProvider>(), ct);
        var chains = await SeedChainAsync(services.GetRequiredService<ChainMapImporter>(), sewParks, ct);
        var enterprises = await SeedEnterprisesAsync(services.GetRequiredService<EnterpriseImporter>(), ct);
        var (projects, followUps) = await DemoProjects.SeedAsync(services, logger, ct); // after the enterprises they belong to
        var land = await LandDemo.SeedAsync(services, ct); // after the enterprises: it puts them into parks
        var matters = await MattersDemo.SeedAsync(services, ct); // after the projects they are raised on
        await ZonesChiefsDemo.SeedAsync(services, ct); // after the parks, the chain and the enterprises
        var funds = await FundsDemo.SeedAsync(services, ct); // after the projects they were invested in
        await TargetsDemo.SeedAsync(services, ct); // after the users, whose teams they are set for
        if (chains > 0)
        {
            // The state the demo starts from: without a snapshot the first weekly digest had nothing to measure "gaps
            // opened or closed" against, and a gap closed in its week went unreported.
            foreach (var code in await services.GetRequiredService<IDb>().QueryAsync<string>(Sql.ChainCodes, ct: ct))
            {
                await services.GetRequiredService<GapSnapshots>().RecordAsync(code, "demo", ct);
            }
        }

        logger.LogInformation("Demo data: {Users} users, {Parks} parks, {Chains} chains, {Enterprises} enterprises, {Projects} projects, {FollowUps} follow-ups, {Land} land-efficiency records, {Matters} coordination matters, {Funds} funds-in-place entries created", created, parks, chains, enterprises, projects, followUps, land, matters, funds);
        return new DemoSummary(created, parks, chains, enterprises, projects, followUps, land, matters, funds);
    }

    private static async Task<(int Created, List<long> SewParkIds)> SeedParksAsync(IDb db, TimeProvider clock, CancellationToken ct)
    {
        var created = 0;
        var sewParks = new List<long>();
        foreach (var park in Parks)
        {
            var id = await db.ExecuteScalarAsync<long?>(Sql.ParkId, new { park.Name }, ct);
            if (id is null)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                id = await db.InTransactionAsync(session => session.InsertAsync(Sql.InsertPark, new
                {
                    park.Name,
                    park.District,
                    park.AreaMu,
                    park.LeadingIndustries,
                    Now = now,
                }), ct);
                created++;
            }

            if (park.SewChain)
            {
                sewParks.Add(id.Value);
            }
        }

        return (created, sewParks);
    }

    private static async Task<int> SeedChainAsync(ChainMapImporter importer, IReadOnlyCollection<long> parkIds, CancellationToken ct)
    {
        var map = ChainMapJson.Parse(ChainJson()).Map ?? throw new InvalidOperationException($"{ChainResource} is not a valid chain map.");
        if (await importer.LoadAsync(map.Code, ct) is not null)
        {
            return 0;
        }

        var result = await importer.SaveAsync(new ChainSaveRequest(map, ChainSaveMode.Create, ParkIds: parkIds), ct);
        return result.Outcome == SaveOutcome.Created
            ? 1
            : throw new InvalidOperationException($"Demo chain {map.Code}: {result.Outcome} {string.Join("; ", result.Problems)}");
    }

    public const string EnterprisesResource = "Demo/demo-enterprises.csv";

    /// <summary>The demo enterprises through the same importer as an upload; only missing USCCs are added, so edits survive a re-seed.</summary>
    private static async Task<int> SeedEnterprisesAsync(EnterpriseImporter importer, CancellationToken ct)
    {
        await using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream(EnterprisesResource)
            ?? throw new InvalidOperationException($"Embedded resource {EnterprisesResource} is missing.");
        var (validation, summary) = await importer.ImportFileAsync(stream, EnterprisesResource, new EnterpriseImportOptions(EnterpriseImportMode.CreateMissing, Source: "demo"), ct: ct);
        return summary?.Created ?? throw new InvalidOperationException($"{EnterprisesResource}: {string.Join("; ", validation.Problems)}");
    }

    internal static class Sql
    {
        public const string ParkId = "SELECT Id FROM Parks WHERE Name = @Name";

        public const string ChainCodes = "SELECT Code FROM Chains ORDER BY Code";

        public const string InsertPark = """
            INSERT INTO Parks (Name, District, AreaMu, LeadingIndustries, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Name, @District, @AreaMu, @LeadingIndustries, @Now, @Now)
            """;
    }
}
