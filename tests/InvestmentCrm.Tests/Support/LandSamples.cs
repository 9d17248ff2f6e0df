using Dapper;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Tests.Support;

/// <summary>
/// Enterprises and projects for the land tests, written with plain SQL (the enterprise and project features own
/// their importers). Each helper skips what exists already, so it also works once the demo loads them itself.
/// </summary>
public static class LandSamples
{
    public static async Task<long> EnterpriseAsync(IDb db, string uscc, string name, string kind = "local", long? parkId = null, string? industryCode = null)
    {
        await using var connection = await db.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long?>("SELECT Id FROM Enterprises WHERE Uscc = @Uscc", new { Uscc = uscc });
        if (id is { } existing)
        {
            return existing;
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, IndustryCode, ParkId, Version, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Uscc, @Name, @NameKey, @Kind, @IndustryCode, @ParkId, 1, @Now, @Now)
            """,
            new { Uscc = uscc, Name = name, NameKey = EnterpriseName.Key(name), Kind = kind, IndustryCode = industryCode, ParkId = parkId, Now = SampleStamps.CreatedUtc });
        return await connection.ExecuteScalarAsync<long>("SELECT Id FROM Enterprises WHERE Uscc = @Uscc", new { Uscc = uscc });
    }

    public static TabularReadResult Embedded(string resource)
    {
        using var stream = typeof(Db).Assembly.GetManifestResourceStream(resource)!;
        return TabularFile.Read(stream, Path.GetFileName(resource), new ImportLimits());
    }

    public static TabularReadResult Csv(string text)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return TabularFile.Read(stream, "land.csv", new ImportLimits());
    }

    public const string Header = "uscc,year,land_mu,output_wan,tax_wan,investment_wan,employees,rd_wan,energy_tce";
}
