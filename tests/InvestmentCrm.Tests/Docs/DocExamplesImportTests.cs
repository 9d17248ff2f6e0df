using System.Text;
using System.Text.Json;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Chains;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Features.Funds;
using InvestmentCrm.Web.Features.Gaps;
using InvestmentCrm.Web.Features.Land;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Tests.Docs;

/// <summary>
/// The examples of docs/&lt;culture&gt;/import-formats.md go through the real importers on the demo data, in the order a
/// bureau would load them (chain, enterprises, projects, land records, funds in place), as CSV and as XLSX with the same header, and a
/// second import changes nothing — so the documented formats cannot drift from the code. The gap-result example has
/// exactly the fields, in the order, of the JSON the app writes.
/// </summary>
public sealed class DocExamplesImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static IReadOnlyList<string> Csv(string culture) => DocFiles.CodeBlocks(DocFiles.Parse(culture, "import-formats"), "csv");

    private static IReadOnlyList<string> Json(string culture) => DocFiles.CodeBlocks(DocFiles.Parse(culture, "import-formats"), "json");

    /// <summary>The example whose header is exactly the importer's.</summary>
    private static string CsvFor(string culture, IReadOnlyList<string> header) =>
        Csv(culture).Single(block => block.Split('\n')[0] == string.Join(",", header));

    private static TabularReadResult Read(string csv, bool asXlsx)
    {
        var file = TabularFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "example.csv", new ImportLimits());
        Assert.Empty(file.Problems);
        if (!asXlsx)
        {
            return file;
        }

        using var xlsx = new MemoryStream();
        TabularFile.WriteXlsx(xlsx, file.Header, file.Rows.Select(row => (IReadOnlyList<string?>)file.Header.Select(h => row.Values[h]).ToList()));
        xlsx.Position = 0;
        return TabularFile.Read(xlsx, "example.xlsx", new ImportLimits());
    }

    [Fact]
    public void Every_csv_and_json_example_is_one_of_the_documented_formats()
    {
        foreach (var culture in DocFiles.Cultures)
        {
            var headers = Csv(culture).Select(block => block.Split('\n')[0]).ToList();
            Assert.Equal(
                new[] { EnterpriseImport.Header, ProjectImport.Header, LandImport.Header, FundsImport.Header }.Select(h => string.Join(",", h)),
                headers);
            Assert.Equal(2, Json(culture).Count);
        }
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_examples_import_on_the_demo_data_and_a_second_import_changes_nothing(string culture)
    {
        await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;

        var chain = services.GetRequiredService<ChainMapImporter>();
        var first = await chain.ImportJsonAsync(Json(culture)[0]);
        Assert.True(first.Succeeded, string.Join("\n", first.Problems));
        Assert.Equal(SaveOutcome.Unchanged, (await chain.ImportJsonAsync(Json(culture)[0])).Outcome);

        foreach (var asXlsx in new[] { false, true })
        {
            var enterprises = CsvFor(culture, EnterpriseImport.Header);
            var (validation, summary) = await services.GetRequiredService<EnterpriseImporter>().ImportFileAsync(
                new MemoryStream(Encoding.UTF8.GetBytes(enterprises)), "enterprises.csv", new EnterpriseImportOptions(Source: "docs"));
            Assert.True(validation.Ok, string.Join("\n", validation.Problems));
            Assert.Equal(2, summary!.Created + summary.Unchanged);
            var importer = services.GetRequiredService<EnterpriseImporter>();
            var again = await importer.ValidateAsync(Read(enterprises, asXlsx));
            Assert.True(again.Ok, string.Join("\n", again.Problems));
            Assert.Equal(2, (await importer.ImportAsync(again.Rows, new EnterpriseImportOptions(Source: "docs"))).Unchanged);

            var projects = services.GetRequiredService<ProjectImporter>();
            var projectFile = CsvFor(culture, ProjectImport.Header);
            var created = await projects.ImportAsync(Read(projectFile, asXlsx), null);
            Assert.True(created.Ok, string.Join("\n", created.Problems));
            Assert.Equal(2, created.Created + created.Unchanged);
            Assert.Equal(2, (await projects.ImportAsync(Read(projectFile, asXlsx), null)).Unchanged);

            var land = services.GetRequiredService<LandImporter>();
            var landFile = CsvFor(culture, LandImport.Header);
            var imported = await land.ImportAsync(Read(landFile, asXlsx));
            Assert.True(imported.Ok, string.Join("\n", imported.Problems));
            Assert.Equal(2, imported.Summary!.Created + imported.Summary.Unchanged);
            Assert.Equal(2, (await land.ImportAsync(Read(landFile, asXlsx))).Summary!.Unchanged);

            var funds = services.GetRequiredService<FundsImporter>();
            var fundsFile = CsvFor(culture, FundsImport.Header);
            var entered = await funds.ImportAsync(Read(fundsFile, asXlsx), ProjectScope.Everything);
            Assert.True(entered.Ok, string.Join("\n", entered.Problems));
            Assert.Equal(2, entered.Created + entered.Unchanged);
            Assert.Equal(2, (await funds.ImportAsync(Read(fundsFile, asXlsx), ProjectScope.Everything)).Unchanged);
        }
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_gap_result_example_has_the_fields_of_the_json_the_app_writes(string culture)
    {
        await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        using var scope = app.Services.CreateScope();
        var gaps = (await scope.ServiceProvider.GetRequiredService<GapAnalyser>().AnalyseAsync("SEW", listProjectsFor: null, default))!;
        var l = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        using var actual = JsonDocument.Parse(AppCultures.With(culture, () => GapText.Json(l, gaps)));
        using var example = JsonDocument.Parse(Json(culture)[1]);

        Assert.Equal(Names(actual.RootElement), Names(example.RootElement));
        var actualNode = actual.RootElement.GetProperty("nodes")[0];
        foreach (var node in example.RootElement.GetProperty("nodes").EnumerateArray())
        {
            Assert.Equal(Names(actualNode), Names(node));
            var status = node.GetProperty("status").GetString()!;
            Assert.Contains(status, GapStatus.All);
            Assert.Equal(GapStatus.IsGap(status), node.GetProperty("rank").ValueKind == JsonValueKind.Number);
            // Names are in the document's language, as the app writes them.
            var code = node.GetProperty("code").GetString()!;
            var name = actual.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("code").GetString() == code).GetProperty("name").GetString();
            Assert.Equal(name, node.GetProperty("name").GetString());
        }
    }

    private static IReadOnlyList<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();
}
