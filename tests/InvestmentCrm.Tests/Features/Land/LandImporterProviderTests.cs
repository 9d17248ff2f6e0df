using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Land;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;
using Microsoft.AspNetCore.Http;

namespace InvestmentCrm.Tests.Features.Land;

/// <summary>Saving land-efficiency files against the registry, once per database provider.</summary>
public abstract class LandImporterProviderTests(DatabaseProvider provider) : ProviderDatabaseTests(provider)
{
    private static readonly string Local1 = UsccTestHelper.Make(1);
    private static readonly string Local2 = UsccTestHelper.Make(2);
    private static readonly string Prospect = UsccTestHelper.Make(3);
    private static readonly string Unknown = UsccTestHelper.Make(4);

    private LandImporter Importer => new(Db, new AuditLog(new HttpContextAccessor(), TimeProvider.System), TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new InvestmentCrm.Web.Infrastructure.Web.AppOptions()));

    protected override async Task SeedAsync()
    {
        await LandSamples.EnterpriseAsync(Db, Local1, "台州测试一厂");
        await LandSamples.EnterpriseAsync(Db, Local2, "台州测试二厂");
        await LandSamples.EnterpriseAsync(Db, Prospect, "外地目标企业", "prospect");
    }

    private Task<LandImportOutcome> ImportAsync(params string[] lines) =>
        Importer.ImportAsync(LandSamples.Csv(LandSamples.Header + "\n" + string.Join("\n", lines) + "\n"));

    private async Task<(long Records, long Audit)> CountsAsync() =>
        (await ChainSamples.CountAsync(Db, "LandRecords"), await ChainSamples.CountAsync(Db, "AuditLog"));

    [ProviderFact]
    public async Task A_valid_file_creates_one_record_per_enterprise_and_year()
    {
        var outcome = await ImportAsync($"{Local1},2024,56.8,32000,1450.75,8000,230,960,1200.5", $"{Local1},2025,56.8,35000,1500,,,,", $"{Local2},2025,20,5000,300,,50,,");

        Assert.True(outcome.Ok, string.Join("\n", outcome.Problems));
        Assert.Equal(new LandImportSummary(3, 0, 0), outcome.Summary);
        Assert.Equal((3L, 3L), await CountsAsync());
        Assert.Equal(1450.75m, await Db.ExecuteScalarAsync<decimal>("SELECT r.TaxWan FROM LandRecords r JOIN Enterprises e ON e.Id = r.EnterpriseId WHERE e.Uscc = @Uscc AND r.Year = 2024", new { Uscc = Local1 }));
        Assert.Null(await Db.ExecuteScalarAsync<decimal?>("SELECT r.EnergyTce FROM LandRecords r JOIN Enterprises e ON e.Id = r.EnterpriseId WHERE e.Uscc = @Uscc AND r.Year = 2025", new { Uscc = Local1 }));
    }

    [ProviderFact]
    public async Task Reimporting_the_same_file_changes_nothing()
    {
        string[] file = [$"{Local1},2024,56.8,32000,1450.75,8000,230,960,1200.5", $"{Local2},2024,20,5000,300,,50,,"];
        await ImportAsync(file);
        var before = await CountsAsync();

        var again = await ImportAsync(file);

        Assert.Equal(new LandImportSummary(0, 0, 2), again.Summary);
        Assert.Equal(before, await CountsAsync());
    }

    [ProviderFact]
    public async Task A_record_already_stored_for_the_enterprise_and_year_is_updated_from_the_file()
    {
        await ImportAsync($"{Local1},2024,56.8,32000,1450.75,8000,230,960,1200.5");

        var outcome = await ImportAsync($"{Local1},2024,60,33000,1450.75,8000,230,,1200.5", $"{Local2},2024,20,5000,300,,50,,");

        Assert.Equal(new LandImportSummary(1, 1, 0), outcome.Summary);
        Assert.Equal((2L, 3L), await CountsAsync());
        var row = await Db.QuerySingleOrDefaultAsync<(decimal LandMu, decimal? RdWan)>("SELECT r.LandMu, r.RdWan FROM LandRecords r JOIN Enterprises e ON e.Id = r.EnterpriseId WHERE e.Uscc = @Uscc", new { Uscc = Local1 });
        Assert.Equal((60m, (decimal?)null), row);
        var audit = await Db.ExecuteScalarAsync<string>("SELECT Changes FROM AuditLog WHERE Action = 'update'");
        Assert.Contains("\"LandMu\":[56.8,60]", audit, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task Unknown_prospect_duplicate_and_bad_rows_reject_the_whole_file_with_line_numbers()
    {
        var outcome = await ImportAsync(
            $"{Local1},2024,56.8,32000,1450.75,8000,230,960,1200.5",
            $"{Unknown},2024,10,100,10,,,,",
            $"{Prospect},2024,10,100,10,,,,",
            $"{Local1},2024,50,100,10,,,,",
            $"{Local2},2024,0,100,10,,,,",
            $"{Local2},2023,-5,abc,10,,,,");

        Assert.False(outcome.Ok);
        Assert.Equal(
            [
                (3, "uscc", ImportKeys.UnknownEnterprise), (4, "uscc", ImportKeys.NotLocalEnterprise), (5, "year", ImportKeys.DuplicateLandRecord),
                (6, "land_mu", ImportKeys.NotPositive), (7, "land_mu", ImportKeys.Negative), (7, "output_wan", ImportKeys.NotANumber),
            ],
            outcome.Problems.Select(p => (p.Line, p.Column, p.Key)));
        Assert.Equal((0L, 0L), await CountsAsync());
    }

    [ProviderFact]
    public async Task A_bad_row_in_a_reimport_leaves_the_stored_records_as_they_were()
    {
        await ImportAsync($"{Local1},2024,56.8,32000,1450.75,8000,230,960,1200.5");

        var outcome = await ImportAsync($"{Local1},2024,99,99,99,,,,", $"{Unknown},2024,10,100,10,,,,");

        Assert.False(outcome.Ok);
        Assert.Equal(56.8m, await Db.ExecuteScalarAsync<decimal>("SELECT LandMu FROM LandRecords"));
    }
}

public sealed class SqliteLandImporterTests() : LandImporterProviderTests(DatabaseProvider.Sqlite);

public sealed class SqlServerLandImporterTests() : LandImporterProviderTests(DatabaseProvider.SqlServer), IRunsOnSqlServer;
