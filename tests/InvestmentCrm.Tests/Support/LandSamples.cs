using Dapper;
using InvestmentCrm.Web.Data;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Import;

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
            new { Uscc = uscc, Name = name, NameKey = EnterpriseName.Key(name), Kind = kind, IndustryCode = industryCode, ParkId = parkId, Now = DateTime.UtcNow });
        return await connection.ExecuteScalarAsync<long>("SELECT Id FROM Enterprises WHERE Uscc = @Uscc", new { Uscc = uscc });
    }

    /// <summary>The enterprises of Demo/demo-enterprises.csv (uscc, name, kind, industry code), without parks.</summary>
    public static async Task DemoEnterprisesAsync(IDb db)
    {
        foreach (var row in Embedded("Demo/demo-enterprises.csv").Rows)
        {
            await EnterpriseAsync(db, row.Values["uscc"], row.Values["name"], row.Values["kind"], industryCode: row.Values["industry_code"]);
        }
    }

    /// <summary>The projects of Demo/demo-projects.csv with their target nodes (needs the demo enterprises and chain).</summary>
    public static async Task DemoProjectsAsync(IDb db)
    {
        await using var connection = await db.OpenAsync();
        foreach (var row in Embedded("Demo/demo-projects.csv").Rows)
        {
            var v = row.Values;
            if (await connection.ExecuteScalarAsync<long?>("SELECT Id FROM Projects WHERE Code = @Code", new { Code = v["code"] }) is not null)
            {
                continue;
            }

            await connection.ExecuteAsync(
                """
                INSERT INTO Projects (Code, Title, EnterpriseId, Stage, Source, OwnerUserId, Priority, LandMu, Version, CreatedAtUtc, UpdatedAtUtc)
                SELECT @Code, @Title, e.Id, @Stage, @Source, u.Id, 2, @LandMu, 1, @Now, @Now
                FROM Enterprises e, Users u
                WHERE e.Uscc = @Uscc AND u.Email = @Owner
                """,
                new { Code = v["code"], Title = v["title"], Stage = v["stage"], Source = v["source"], LandMu = decimal.Parse(v["land_mu"], System.Globalization.CultureInfo.InvariantCulture), Uscc = v["enterprise_uscc"], Owner = v["owner_email"], Now = DateTime.UtcNow });
            foreach (var node in v["target_nodes"].Split(';'))
            {
                var parts = node.Split(':');
                await connection.ExecuteAsync(
                    """
                    INSERT INTO ProjectNodes (ProjectId, NodeId)
                    SELECT p.Id, n.Id FROM Projects p, ChainNodes n JOIN Chains c ON c.Id = n.ChainId
                    WHERE p.Code = @Code AND c.Code = @Chain AND n.Code = @Node
                    """,
                    new { Code = v["code"], Chain = parts[0], Node = parts[1] });
            }
        }
    }

    public static TabularReadResult Embedded(string resource)
    {
        using var stream = typeof(Db).Assembly.GetManifestResourceStream(resource)!;
        return TabularFile.Read(stream, Path.GetFileName(resource));
    }

    public static TabularReadResult Csv(string text)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return TabularFile.Read(stream, "land.csv");
    }

    public const string Header = "uscc,year,land_mu,output_wan,tax_wan,investment_wan,employees,rd_wan,energy_tce";
}
