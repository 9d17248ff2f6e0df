using Microsoft.Extensions.Options;
using InvestmentCrm.Web.Features.Land;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// The demo's land-efficiency step: puts the demo's local enterprises into parks (sewing-machine makers, industry
/// code 3553, in 椒江智能缝制装备产业园; the others in 台州湾经济技术开发区) and loads Demo/demo-land.csv (2024 and
/// 2025). Runs after the enterprise step and is safe to run again: a park already set is kept, and the records are
/// upserted, so a second run changes nothing. Rows of enterprises not in the registry (yet) are skipped.
/// </summary>
public static class LandDemo
{
    public const string Resource = "Demo/demo-land.csv";

    public const string SewingPark = "椒江智能缝制装备产业园";

    public const string DefaultPark = "台州湾经济技术开发区";

    public const string SewingIndustryCode = "3553";

    public static async Task<int> SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<IDb>();
        TabularReadResult file;
        using (var stream = typeof(LandDemo).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing."))
        {
            file = TabularFile.Read(stream, "demo-land.csv", services.GetRequiredService<IOptions<ImportLimits>>().Value);
        }

        var locals = (await db.QueryAsync<string>(Sql.LocalUsccs, ct: ct)).ToHashSet(StringComparer.Ordinal);
        var usccs = file.Rows.Select(r => r.Values["uscc"]).Where(locals.Contains).Distinct().ToList();
        if (usccs.Count == 0)
        {
            return 0;
        }

        var sewingPark = await db.ExecuteScalarAsync<long?>(Sql.ParkId, new { Name = SewingPark }, ct);
        var defaultPark = await db.ExecuteScalarAsync<long?>(Sql.ParkId, new { Name = DefaultPark }, ct);
        if (sewingPark is not null && defaultPark is not null)
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            await db.InTransactionAsync(async session =>
            {
                foreach (var uscc in usccs)
                {
                    await session.ExecuteAsync(Sql.SetPark, new { Uscc = uscc, SewingParkId = sewingPark, DefaultParkId = defaultPark, IndustryCode = SewingIndustryCode, Now = now });
                }

                return 0;
            }, ct);
        }

        var known = file.WithRows(file.Rows.Where(r => locals.Contains(r.Values["uscc"])).ToList());
        var outcome = await services.GetRequiredService<LandImporter>().ImportAsync(known, ct);
        return outcome.Summary?.Created
            ?? throw new InvalidOperationException($"{Resource}: {string.Join("; ", outcome.Problems)}");
    }

    internal static class Sql
    {
        public const string LocalUsccs = "SELECT Uscc FROM Enterprises WHERE Kind = 'local'";

        public const string ParkId = "SELECT Id FROM Parks WHERE Name = @Name";

        public const string SetPark = """
            UPDATE Enterprises
            SET ParkId = CASE WHEN IndustryCode = @IndustryCode THEN @SewingParkId ELSE @DefaultParkId END,
                Version = Version + 1, UpdatedAtUtc = @Now
            WHERE Uscc = @Uscc AND ParkId IS NULL
            """;
    }
}
