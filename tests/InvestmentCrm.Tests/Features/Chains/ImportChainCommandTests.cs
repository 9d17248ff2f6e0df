using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Features.Chains;
using InvestmentCrm.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Http;

namespace InvestmentCrm.Tests.Features.Chains;

/// <summary><c>import chain FILE</c> on a temporary SQLite file. Messages follow INVESTMENTCRM_CULTURE, else LANG; the
/// assertions use what does not depend on the language (codes, counts, where).</summary>
public sealed class ImportChainCommandTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly TempDirectory folder = new("crm-cli");

    [Fact]
    public async Task Importing_a_chain_file_prints_a_summary_and_importing_it_again_changes_nothing()
    {
        var file = folder.File("sew.json");
        await File.WriteAllTextAsync(file, ChainSamples.SewJson);

        var (code, stdout, stderr) = await RunAsync("import", "chain", file);

        Assert.Equal(CommandLine.Ok, code);
        Assert.Empty(stderr);
        Assert.Contains("SEW", stdout);
        Assert.Contains("27", stdout);
        Assert.Contains("38", stdout);
        var stored = await Importer().LoadAsync("SEW");
        Assert.Equal(ChainSamples.Sew, stored!.Map);

        var audit = await ChainSamples.CountAsync(database.Db, "AuditLog");
        var (again, againOut, _) = await RunAsync("import", "chain", file);

        Assert.Equal(CommandLine.Ok, again);
        Assert.NotEqual(stdout, againOut);
        Assert.Equal(stored.Version, (await Importer().LoadAsync("SEW"))!.Version);
        Assert.Equal(audit, await ChainSamples.CountAsync(database.Db, "AuditLog"));
    }

    [Fact]
    public async Task A_bad_chain_file_exits_2_with_every_problem_on_stderr_and_writes_nothing()
    {
        var file = folder.File("bad.json");
        await File.WriteAllTextAsync(file, """
            {"code":"CLIBAD","name":"坏链","nodes":[{"code":"A","name":"甲","segment":"upstream","parent":"A"}],
             "edges":[{"from":"A","to":"A"}],"colour":"red"}
            """);

        var (code, stdout, stderr) = await RunAsync("import", "chain", file);

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Empty(stdout);
        Assert.Contains("$:", stderr);
        Assert.Contains("colour", stderr);

        await File.WriteAllTextAsync(file, """{"code":"CLIBAD","name":"坏链","nodes":[{"code":"A","name":"甲","segment":"upstream","parent":"A"}],"edges":[{"from":"A","to":"A"}]}""");
        (code, _, stderr) = await RunAsync("import", "chain", file);

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("nodes[0]:", stderr);
        Assert.Contains("A→A:", stderr);
        Assert.Null(await Importer().LoadAsync("CLIBAD"));
    }

    [Fact]
    public async Task A_missing_file_or_unknown_kind_is_bad_input()
    {
        Assert.Equal(CommandLine.BadInput, (await RunAsync("import", "chain", folder.File("none.json"))).Code);
        Assert.Equal(CommandLine.BadInput, (await RunAsync("import", "chains", folder.File("none.json"))).Code);
    }

    public void Dispose() => folder.Dispose();

    private ChainMapImporter Importer() => new(database.Db, new AuditLog(new HttpContextAccessor(), TimeProvider.System), TimeProvider.System);

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, b => b.Configuration["ConnectionStrings:Default"] = database.ConnectionString);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
