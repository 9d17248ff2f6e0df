using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Features.Chains;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace InvestmentCrm.Tests.Features.Chains;

/// <summary>
/// ChainNodeLocalTotals, kept by triggers, once per database provider: after every kind of write — the importer and
/// writer the pages use, and raw statements of one row and of many (SQL Server's triggers run once per statement)
/// — each node's totals equal the ones counted from scratch. SEW and PV, eight imported enterprises, locals
/// (even numbers) and prospects (odd) on SEW:HANG, PV:CELL or both.
/// </summary>
public abstract class ChainNodeLocalTotalsProviderTests(DatabaseProvider provider) : ProviderDatabaseTests(provider)
{
    private AuditLog Audit => new(new HttpContextAccessor(), TimeProvider.System);

    private EnterpriseWriter Writer => EnterpriseSamples.Writer(Db);

    protected override async Task SeedAsync()
    {
        await SeedChainsAndEnterprisesAsync(Db, Audit);
        await LocalTotals.AssertExactAsync(Db, "the enterprise import");
    }

    private static async Task SeedChainsAndEnterprisesAsync(Db db, AuditLog audit)
    {
        var chains = new ChainMapImporter(db, audit, TimeProvider.System);
        Assert.True((await chains.SaveAsync(new ChainSaveRequest(ChainSamples.Sew))).Succeeded);
        Assert.True((await chains.SaveAsync(new ChainSaveRequest(ChainSamples.Small()))).Succeeded);
        var rows = Enumerable.Range(1, 8).Select(n => EnterpriseSamples.Row(n, (n % 3) switch { 0 => "SEW:HANG", 1 => "PV:CELL", _ => "SEW:HANG;PV:CELL" }));
        var imported = await EnterpriseSamples.Importer(db).ImportCsvAsync(EnterpriseSamples.Csv([.. rows]));
        Assert.Equal(8, imported.Created);
    }

    private Task<long> IdAsync(int n) => EnterpriseSamples.IdOfAsync(Db, UsccTestHelper.Make(n));

    private async Task UpdateAsync(long id, Func<EnterpriseRecord, EnterpriseRecord> change)
    {
        var (record, version) = (await Writer.LoadAsync(id))!.Value;
        Assert.True((await Writer.UpdateAsync(id, version, change(record))).Succeeded);
    }

    [ProviderFact]
    public async Task The_migration_fills_the_totals_from_the_data_already_there()
    {
        await using var earlier = await ProviderDatabase.CreateEmptyAsync(Provider);
        var scripts = Migrator.EmbeddedScripts(earlier.Db.Dialect);
        var migrator = new Migrator(earlier.Db, NullLogger<Migrator>.Instance);
        await migrator.MigrateAsync(scripts.Where(s => string.CompareOrdinal(s.Name, "0032") < 0).ToList());
        await SeedChainsAndEnterprisesAsync(earlier.Db, Audit);
        await earlier.Db.ExecuteAsync("UPDATE Enterprises SET AnnualRevenueWan = NULL WHERE Uscc = @Uscc", new { Uscc = UsccTestHelper.Make(2) });

        Assert.Contains("0032_chain_node_local_totals.sql", await migrator.MigrateAsync(scripts));

        await LocalTotals.AssertExactAsync(earlier.Db, "the migration");
        Assert.Contains(await LocalTotals.CountedAsync(earlier.Db), t => t.LocalCount > 1);
    }

    [ProviderFact]
    public async Task Mapping_unmapping_and_moving_mappings_keep_the_totals_exact()
    {
        var nodes = await ChainSamples.NodeIdsAsync(Db, "SEW");
        var local = await IdAsync(2);

        await UpdateAsync(local, r => r with { NodeIds = [nodes["CUT"], nodes["HANG"]] });
        await LocalTotals.AssertExactAsync(Db, "the writer remapping a local enterprise");

        await Db.ExecuteAsync(
            "INSERT INTO EnterpriseNodes (EnterpriseId, NodeId) SELECT e.Id, @NodeId FROM Enterprises e WHERE NOT EXISTS (SELECT 1 FROM EnterpriseNodes en WHERE en.EnterpriseId = e.Id AND en.NodeId = @NodeId)",
            new { NodeId = nodes["INDSEW"] });
        await LocalTotals.AssertExactAsync(Db, "mapping every enterprise in one statement");

        await Db.ExecuteAsync("UPDATE EnterpriseNodes SET NodeId = @To WHERE NodeId = @From", new { From = nodes["INDSEW"], To = nodes["SPECIAL"] });
        await LocalTotals.AssertExactAsync(Db, "moving every mapping of a node in one statement");

        await Db.ExecuteAsync("DELETE FROM EnterpriseNodes WHERE NodeId = @NodeId", new { NodeId = nodes["SPECIAL"] });
        await LocalTotals.AssertExactAsync(Db, "unmapping every enterprise of a node in one statement");
        Assert.Equal(new LocalTotals.NodeTotal(nodes["SPECIAL"], 0, 0m), await LocalTotals.StoredAsync(Db, nodes["SPECIAL"]));

        await UpdateAsync(local, r => r with { NodeIds = [] });
        await LocalTotals.AssertExactAsync(Db, "the writer unmapping a local enterprise");
    }

    [ProviderFact]
    public async Task Kind_and_revenue_changes_keep_the_totals_exact_and_never_drift()
    {
        var hang = (await ChainSamples.NodeIdsAsync(Db, "SEW"))["HANG"];
        var local = await IdAsync(2);
        var prospect = await IdAsync(5);

        await UpdateAsync(local, r => r with { Kind = "prospect" });
        await LocalTotals.AssertExactAsync(Db, "local → prospect");
        await UpdateAsync(local, r => r with { Kind = "local" });
        await UpdateAsync(prospect, r => r with { Kind = "local", AnnualRevenueWan = null });
        await LocalTotals.AssertExactAsync(Db, "prospect → local with no revenue");

        // Floats added to and subtracted from a running sum drift within a few rounds; cents do not.
        decimal?[] revenues = [0.1m, 0.2m, 12345.67m, null, 0.3m, 0m, 9999999.99m, 0.07m];
        for (var round = 0; round < 30; round++)
        {
            foreach (var revenue in revenues)
            {
                await Db.ExecuteAsync("UPDATE Enterprises SET AnnualRevenueWan = @Revenue WHERE Id IN (@Local, @Prospect)", new { Revenue = revenue, Local = local, Prospect = prospect });
            }
        }

        await LocalTotals.AssertExactAsync(Db, "960 revenue changes");
        await Db.ExecuteAsync("UPDATE Enterprises SET AnnualRevenueWan = 0.1 WHERE Kind = 'local'");
        var locals = await Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Enterprises e JOIN EnterpriseNodes en ON en.EnterpriseId = e.Id WHERE e.Kind = 'local' AND en.NodeId = @Hang", new { Hang = hang });
        Assert.Equal(new LocalTotals.NodeTotal(hang, locals, locals * 0.1m), await LocalTotals.StoredAsync(Db, hang));

        await Db.ExecuteAsync("UPDATE Enterprises SET Kind = CASE Kind WHEN 'local' THEN 'prospect' ELSE 'local' END, AnnualRevenueWan = 12345.67");
        await LocalTotals.AssertExactAsync(Db, "flipping every enterprise's kind and revenue in one statement");
    }

    [ProviderFact]
    public async Task Deleting_enterprises_subtracts_each_mapping_once()
    {
        await Db.ExecuteAsync(InvestmentCrm.Web.Features.Enterprises.DeleteModel.Sql.Delete, new { Id = await IdAsync(2) });
        await LocalTotals.AssertExactAsync(Db, "deleting a local enterprise on two nodes (its mappings cascade)");

        await Db.ExecuteAsync("DELETE FROM EnterpriseNodes WHERE EnterpriseId = @Id", new { Id = await IdAsync(4) });
        await Db.ExecuteAsync(InvestmentCrm.Web.Features.Enterprises.DeleteModel.Sql.Delete, new { Id = await IdAsync(4) });
        await LocalTotals.AssertExactAsync(Db, "deleting a local enterprise after its mappings");

        await Db.ExecuteAsync("DELETE FROM Enterprises WHERE Uscc <> @Kept", new { Kept = UsccTestHelper.Make(8) });
        await LocalTotals.AssertExactAsync(Db, "deleting locals and prospects in one statement");
        Assert.Equal(2, (await LocalTotals.CountedAsync(Db)).Sum(t => t.LocalCount)); // the kept local, on two nodes
    }

    [ProviderFact]
    public async Task Nodes_and_chains_come_and_go_with_their_totals()
    {
        var chains = new ChainMapImporter(Db, Audit, TimeProvider.System);
        var small = ChainSamples.Small();
        var changed = small with
        {
            Nodes = [.. small.Nodes.Where(n => n.Code != "SI"), new ChainNodeSpec("WAFER", "硅片", "Wafers", Segments.Upstream, "UP", [], false, null)],
            Edges = [],
        };

        Assert.True((await chains.SaveAsync(new ChainSaveRequest(changed))).Succeeded);

        var wafer = (await ChainSamples.NodeIdsAsync(Db, "PV"))["WAFER"];
        Assert.Equal(new LocalTotals.NodeTotal(wafer, 0, 0m), await LocalTotals.StoredAsync(Db, wafer));
        await LocalTotals.AssertExactAsync(Db, "a chain import that adds and removes nodes");

        await Db.ExecuteAsync("DELETE FROM EnterpriseNodes WHERE NodeId IN (SELECT n.Id FROM ChainNodes n JOIN Chains c ON c.Id = n.ChainId WHERE c.Code = 'PV')");
        var pv = await Db.ExecuteScalarAsync<long>("SELECT Id FROM Chains WHERE Code = 'PV'");
        await Db.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(InvestmentCrm.Web.Features.Chains.DeleteModel.Sql.DeleteEdges, new { ChainId = pv });
            await session.ExecuteAsync(InvestmentCrm.Web.Features.Chains.DeleteModel.Sql.ClearParents, new { ChainId = pv });
            await session.ExecuteAsync(InvestmentCrm.Web.Features.Chains.DeleteModel.Sql.DeleteChain, new { Id = pv });
            return 0;
        });

        await LocalTotals.AssertExactAsync(Db, "deleting a chain (its nodes cascade)");
        Assert.Equal(await ChainSamples.CountAsync(Db, "ChainNodes"), await ChainSamples.CountAsync(Db, "ChainNodeLocalTotals"));
    }
}

public sealed class SqliteChainNodeLocalTotalsTests() : ChainNodeLocalTotalsProviderTests(DatabaseProvider.Sqlite);

public sealed class SqlServerChainNodeLocalTotalsTests() : ChainNodeLocalTotalsProviderTests(DatabaseProvider.SqlServer), IRunsOnSqlServer;
