using Dapper;
using InvestmentCrm.Web.Data;
using InvestmentCrm.Web.Demo;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Import;

namespace InvestmentCrm.Tests.Support;

/// <summary>
/// The Jiaojiang demo enterprises and projects (Demo/demo-enterprises.csv, demo-projects.csv), parsed by the
/// app's own importers and written with plain SQL, for the gap tests. Rows already there (loaded by the demo
/// seeder once the enterprises and projects demo steps exist) are left as they are, so this runs either way.
/// </summary>
public static class GapDemoData
{
    public static async Task LoadAsync(IDb db)
    {
        var enterprises = EnterpriseImport.Validate(Read("demo-enterprises.csv"), new EnterpriseImportContext(Uscc.IsValid, _ => true));
        var projects = ProjectImport.Validate(Read("demo-projects.csv"), new ProjectImportContext(Uscc.IsValid, _ => true, _ => true, _ => true, new DateOnly(2026, 12, 1)));
        if (!enterprises.Ok || !projects.Ok)
        {
            throw new InvalidOperationException("Demo CSVs do not validate: " + string.Join("; ", enterprises.Problems.Concat(projects.Problems)));
        }

        var now = DateTime.UtcNow;
        await using var connection = await db.OpenAsync();
        var nodeIds = (await connection.QueryAsync<(long Id, string Chain, string Node)>(
                "SELECT n.Id, c.Code, n.Code FROM ChainNodes n JOIN Chains c ON c.Id = n.ChainId"))
            .ToDictionary(r => $"{r.Chain}:{r.Node}", r => r.Id);
        foreach (var e in enterprises.Rows)
        {
            if (await connection.ExecuteScalarAsync<long?>("SELECT Id FROM Enterprises WHERE Uscc = @Uscc", new { e.Uscc }) is not null)
            {
                continue;
            }

            await connection.ExecuteAsync(
                """
                INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, Province, City, District, IndustryCode, RegisteredCapitalWan, AnnualRevenueWan, Employees, Version, CreatedAtUtc, UpdatedAtUtc)
                VALUES (@Uscc, @Name, @Name, @Kind, @Province, @City, @District, @IndustryCode, @RegisteredCapitalWan, @AnnualRevenueWan, @Employees, 1, @Now, @Now)
                """,
                new { e.Uscc, e.Name, e.Kind, e.Province, e.City, e.District, e.IndustryCode, e.RegisteredCapitalWan, e.AnnualRevenueWan, e.Employees, Now = now });
            var id = await connection.ExecuteScalarAsync<long>("SELECT Id FROM Enterprises WHERE Uscc = @Uscc", new { e.Uscc });
            foreach (var q in e.Qualifications)
            {
                await connection.ExecuteAsync("INSERT INTO EnterpriseQualifications (EnterpriseId, Qualification) VALUES (@Id, @Q)", new { Id = id, Q = q });
            }

            foreach (var node in e.ChainNodes)
            {
                await connection.ExecuteAsync("INSERT INTO EnterpriseNodes (EnterpriseId, NodeId) VALUES (@Id, @NodeId)", new { Id = id, NodeId = nodeIds[node.ToString()] });
            }
        }

        foreach (var p in projects.Rows)
        {
            if (await connection.ExecuteScalarAsync<long?>("SELECT Id FROM Projects WHERE Code = @Code", new { p.Code }) is not null)
            {
                continue;
            }

            var owner = await connection.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE NormalizedEmail = @Email", new { Email = p.OwnerEmail.ToUpperInvariant() });
            var enterpriseId = await connection.ExecuteScalarAsync<long>("SELECT Id FROM Enterprises WHERE Uscc = @Uscc", new { Uscc = p.EnterpriseUscc });
            await connection.ExecuteAsync(
                """
                INSERT INTO Projects (Code, Title, EnterpriseId, Stage, Source, OwnerUserId, PlannedInvestmentWan, LandMu, ExpectedOutputWan, ExpectedTaxWan, SignedOn, Version, CreatedAtUtc, UpdatedAtUtc)
                VALUES (@Code, @Title, @EnterpriseId, @Stage, @Source, @Owner, @PlannedInvestmentWan, @LandMu, @ExpectedOutputWan, @ExpectedTaxWan, @SignedOn, 1, @Now, @Now)
                """,
                new { p.Code, p.Title, EnterpriseId = enterpriseId, p.Stage, Source = p.Source ?? "other", Owner = owner, p.PlannedInvestmentWan, p.LandMu, p.ExpectedOutputWan, p.ExpectedTaxWan, p.SignedOn, Now = now });
            var projectId = await connection.ExecuteScalarAsync<long>("SELECT Id FROM Projects WHERE Code = @Code", new { p.Code });
            foreach (var node in p.TargetNodes)
            {
                await connection.ExecuteAsync("INSERT INTO ProjectNodes (ProjectId, NodeId) VALUES (@Id, @NodeId)", new { Id = projectId, NodeId = nodeIds[node.ToString()] });
            }
        }
    }

    private static TabularReadResult Read(string file)
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("Demo/" + file)
            ?? throw new InvalidOperationException($"Embedded Demo/{file} is missing.");
        return TabularFile.Read(stream, file);
    }
}
