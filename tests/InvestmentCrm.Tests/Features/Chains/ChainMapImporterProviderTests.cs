using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Features.Chains;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http;

namespace InvestmentCrm.Tests.Features.Chains;

/// <summary>Saving chain maps, once per database provider.</summary>
public abstract class ChainMapImporterProviderTests(DatabaseProvider provider) : ProviderDatabaseTests(provider)
{
    private ChainMapImporter Importer => new(Db, new AuditLog(new HttpContextAccessor(), TimeProvider.System), TimeProvider.System);

    [ProviderFact]
    public async Task Import_creates_the_chain_with_every_node_edge_and_parent()
    {
        var result = await Importer.ImportJsonAsync(ChainSamples.SewJson);

        Assert.Equal(SaveOutcome.Created, result.Outcome);
        Assert.Equal((27, 38), (result.Nodes, result.Edges));
        var stored = await Importer.LoadAsync("SEW");
        Assert.Equal(ChainSamples.Sew, stored!.Map);
        Assert.Equal(1, stored.Version);
        Assert.Equal(1, await ChainSamples.CountAsync(Db, "AuditLog"));
    }

    [ProviderFact]
    public async Task Reimporting_the_identical_file_changes_nothing()
    {
        await Importer.ImportJsonAsync(ChainSamples.SewJson);
        var ids = await ChainSamples.NodeIdsAsync(Db, "SEW");

        var again = await Importer.ImportJsonAsync(ChainSamples.SewJson);

        Assert.Equal(SaveOutcome.Unchanged, again.Outcome);
        Assert.Equal(1, (await Importer.LoadAsync("SEW"))!.Version);
        Assert.Equal(1, await ChainSamples.CountAsync(Db, "AuditLog"));
        Assert.Equal(ids, await ChainSamples.NodeIdsAsync(Db, "SEW"));
    }

    [ProviderFact]
    public async Task A_changed_import_updates_the_chain_and_keeps_the_ids_of_kept_nodes()
    {
        await Importer.SaveAsync(new ChainSaveRequest(ChainSamples.Small()));
        var ids = await ChainSamples.NodeIdsAsync(Db, "PV");
        var small = ChainSamples.Small();
        var changed = small with
        {
            Name = "光伏新能源产业链",
            Nodes =
            [
                .. small.Nodes.Where(n => n.Code != "SI").Select(n => n.Code == "CELL" ? n with { Key = true, IndustryCodes = ["3825", "3826"] } : n),
                new ChainNodeSpec("WAFER", "硅片", "Wafers", Segments.Upstream, "UP", [], false, null),
            ],
            Edges = [new ChainEdgeSpec("WAFER", "CELL", null)],
        };

        var result = await Importer.SaveAsync(new ChainSaveRequest(changed));

        Assert.Equal(SaveOutcome.Updated, result.Outcome);
        var stored = (await Importer.LoadAsync("PV"))!;
        Assert.Equal(changed, stored.Map);
        Assert.Equal(2, stored.Version);
        var after = await ChainSamples.NodeIdsAsync(Db, "PV");
        Assert.Equal(ids["UP"], after["UP"]);
        Assert.Equal(ids["CELL"], after["CELL"]);
        Assert.DoesNotContain("SI", after.Keys);
        Assert.Equal(2, await ChainSamples.CountAsync(Db, "AuditLog"));
    }

    [ProviderFact]
    public async Task A_disappearing_node_with_a_mapped_enterprise_rejects_the_whole_import_and_changes_nothing()
    {
        await Importer.SaveAsync(new ChainSaveRequest(ChainSamples.Small()));
        await ChainSamples.MapEnterpriseAsync(Db, "PV", "SI");
        var before = (await Importer.LoadAsync("PV"))!;
        var small = ChainSamples.Small();
        var withoutSi = small with { Name = "改名", Nodes = small.Nodes.Where(n => n.Code != "SI").ToList(), Edges = [] };

        var result = await Importer.SaveAsync(new ChainSaveRequest(withoutSi));

        Assert.Equal(SaveOutcome.Rejected, result.Outcome);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new FieldProblem("SI", ChainImportKeys.NodeInUse, "SI", 1), problem);
        var after = (await Importer.LoadAsync("PV"))!;
        Assert.Equal(before.Map, after.Map);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(1, await ChainSamples.CountAsync(Db, "EnterpriseNodes"));
    }

    [ProviderFact]
    public async Task An_invalid_map_is_rejected_with_every_problem_and_nothing_written()
    {
        var json = """
            {"code":"BAD","name":"坏链","nodes":[
              {"code":"A","name":"甲","segment":"upstream","parent":"B"},
              {"code":"B","name":"乙","segment":"upstream","parent":"A"},
              {"code":"A","name":"重复","segment":"sideways"}],
             "edges":[{"from":"A","to":"A"}]}
            """;

        var result = await Importer.ImportJsonAsync(json);

        Assert.Equal(SaveOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Problems, p => p.Key == ChainProblemKeys.DuplicateNodeCode && p.Field == "nodes[2]");
        Assert.Contains(result.Problems, p => p.Key == ChainProblemKeys.BadSegment);
        Assert.Contains(result.Problems, p => p.Key == ChainProblemKeys.ParentCycle);
        Assert.Contains(result.Problems, p => p.Key == ChainProblemKeys.EdgeSelfLoop && p.Field == "A→A");
        Assert.Equal(0, await ChainSamples.CountAsync(Db, "Chains"));
        Assert.Equal(0, await ChainSamples.CountAsync(Db, "AuditLog"));
    }

    [ProviderFact]
    public async Task An_update_at_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        await Importer.SaveAsync(new ChainSaveRequest(ChainSamples.Small()));
        await Importer.SaveAsync(new ChainSaveRequest(ChainSamples.Small() with { Name = "第一次修改" }, ChainSaveMode.Update, 1));

        var stale = await Importer.SaveAsync(new ChainSaveRequest(ChainSamples.Small() with { Name = "第二次修改" }, ChainSaveMode.Update, 1));

        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
        Assert.Equal("第一次修改", (await Importer.LoadAsync("PV"))!.Map.Name);
    }

    [ProviderFact]
    public async Task Creating_a_chain_whose_code_exists_is_rejected()
    {
        await Importer.SaveAsync(new ChainSaveRequest(ChainSamples.Small()));

        var result = await Importer.SaveAsync(new ChainSaveRequest(ChainSamples.Small() with { Name = "另一条" }, ChainSaveMode.Create));

        Assert.Equal(ChainImportKeys.CodeTaken, Assert.Single(result.Problems).Key);
        Assert.Equal("光伏产业链", (await Importer.LoadAsync("PV"))!.Map.Name);
    }
}

public sealed class SqliteChainMapImporterTests() : ChainMapImporterProviderTests(DatabaseProvider.Sqlite);

public sealed class SqlServerChainMapImporterTests() : ChainMapImporterProviderTests(DatabaseProvider.SqlServer), IRunsOnSqlServer;
