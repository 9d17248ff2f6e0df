using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>The enterprise verbs of the command line on a real SQLite file.</summary>
public sealed class EnterpriseCommandsTests : IDisposable
{
    private readonly TempDirectory folder = new("crm-cli-ent");

    private string DbPath => folder.File("cli.db");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Import_export_and_reimport_through_the_command_line_round_trip_the_demo_file()
    {
        Assert.Equal(0, (await Support.Cli.RunAsync(DbPath, "import", "chain", WriteFile("sew.json", ChainSamples.SewJson))).ExitCode);
        var source = WriteFile("demo.csv", EnterpriseSamples.DemoCsv());

        var imported = await Support.Cli.RunInAsync("zh-CN", DbPath, "import", "enterprises", source);
        var exported = await Support.Cli.RunAsync(DbPath, "export", "enterprises", "--out", folder.File("out.csv"));
        var again = await Support.Cli.RunAsync(DbPath, "import", "enterprises", folder.File("out.csv"));

        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("新增 20 家", imported.Out);
        Assert.Equal(0, exported.ExitCode);
        Assert.Contains("Exported 20 enterprises", exported.Out);
        Assert.Contains("20 unchanged", again.Out);
        var original = ImportTestFiles.ReadCsvText(EnterpriseSamples.DemoCsv()).Rows.ToDictionary(r => r.Values["uscc"], r => r.Values["name"]);
        var written = ImportTestFiles.ReadBytes(await File.ReadAllBytesAsync(folder.File("out.csv")), "out.csv").Rows.ToDictionary(r => r.Values["uscc"], r => r.Values["name"]);
        Assert.Equal(original, written);
    }

    [Fact]
    public async Task A_bad_file_exits_with_2_lists_the_lines_on_stderr_and_writes_nothing()
    {
        await Support.Cli.RunAsync(DbPath, "import", "chain", WriteFile("sew.json", ChainSamples.SewJson));
        var file = WriteFile("bad.csv", EnterpriseSamples.Csv(EnterpriseSamples.Row(1), EnterpriseSamples.Row(2).With(("kind", "partner")), EnterpriseSamples.Row(3).With(("name", ""))));

        var result = await Support.Cli.RunAsync(DbPath, "import", "enterprises", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Line 3 [kind]", result.Error);
        Assert.Contains("Line 4 [name]", result.Error);
        Assert.Equal("", result.Out);
        var export = await Support.Cli.RunAsync(DbPath, "export", "enterprises", "--out", folder.File("empty.csv"));
        Assert.Contains("Exported 0 enterprises", export.Out);
    }

    [Fact]
    public async Task Seed_bulk_maps_synthetic_enterprises_to_every_chain_and_exports_xlsx()
    {
        await Support.Cli.RunAsync(DbPath, "import", "chain", WriteFile("sew.json", ChainSamples.SewJson));
        await Support.Cli.RunAsync(DbPath, "import", "chain", WriteFile("pv.json", InvestmentCrm.Web.Domain.Chains.ChainMapJson.Write(ChainSamples.Small("BIG"))));

        var seeded = await Support.Cli.RunAsync(DbPath, "seed-bulk", "--enterprises", "400");
        var exported = await Support.Cli.RunAsync(DbPath, "export", "enterprises", "--out", folder.File("bulk.xlsx"));

        Assert.Equal(0, seeded.ExitCode);
        Assert.Contains("Created 400 synthetic enterprises over 2 chains", seeded.Out);
        var file = ImportTestFiles.ReadBytes(await File.ReadAllBytesAsync(folder.File("bulk.xlsx")), "bulk.xlsx");
        Assert.Empty(file.Problems);
        Assert.Equal(400, file.Rows.Count);
        var chains = file.Rows.SelectMany(r => r.Values["chain_nodes"].Split(';')).Select(n => n.Split(':')[0]).ToHashSet();
        Assert.Equal(["BIG", "SEW"], chains.Order());
        Assert.All(file.Rows, r => Assert.True(InvestmentCrm.Web.Domain.Uscc.IsValid(r.Values["uscc"])));
        Assert.Equal(400, file.Rows.Select(r => r.Values["name"]).Distinct().Count());
    }

    [Fact]
    public async Task Seed_bulk_gives_the_same_enterprises_and_contacts_on_two_databases_and_new_ones_when_run_again()
    {
        async Task<(string Export, IReadOnlyList<string> Contacts)> SeedAsync(string name, int runs)
        {
            var path = folder.File(name + ".db");
            Assert.Equal(0, (await Support.Cli.RunAsync(path, "import", "chain", WriteFile(name + ".json", ChainSamples.SewJson))).ExitCode);
            for (var run = 0; run < runs; run++)
            {
                Assert.Equal(0, (await Support.Cli.RunAsync(path, "seed-bulk", "--enterprises", "150", "--contacts", "200")).ExitCode);
            }

            Assert.Equal(0, (await Support.Cli.RunAsync(path, "export", "enterprises", "--out", folder.File(name + ".csv"))).ExitCode);
            var db = new Db(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" });
            var contacts = await db.QueryAsync<string>("SELECT e.Uscc || ' ' || c.Name || ' ' || COALESCE(c.Phone, '') || ' ' || COALESCE(c.Email, '') FROM EnterpriseContacts c JOIN Enterprises e ON e.Id = c.EnterpriseId ORDER BY c.Id");
            return (await File.ReadAllTextAsync(folder.File(name + ".csv")), contacts);
        }

        var first = await SeedAsync("first", runs: 1);
        var second = await SeedAsync("second", runs: 1);
        var twice = await SeedAsync("twice", runs: 2);

        Assert.Equal(150 + 200, first.Contacts.Count); // each enterprise's own contact, then the 200
        Assert.Equal(first.Export, second.Export);
        Assert.Equal(first.Contacts, second.Contacts);
        // A second run adds 150 different enterprises and different contacts, not the same ones again.
        Assert.Equal(300, twice.Export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
        Assert.Equal(2 * first.Contacts.Count, twice.Contacts.Distinct().Count());
    }

    private string WriteFile(string name, string text)
    {
        var path = folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}
