using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Chains;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Features.Gaps;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http;

namespace InvestmentCrm.Tests.Features.Gaps;

/// <summary>The analyser's SQL, recommendations, snapshots and settings store, once per database provider, on a
/// small chain: RAW→PART, PART→ASM (0.5), ASM→SHOP; locals PART 100 and ASM 100 + 200 (万元); prospects on RAW.</summary>
public abstract class GapAnalyserProviderTests(DatabaseProvider provider) : IAsyncLifetime
{
    private ProviderDatabase? database;
    private int usccNumber;

    private Db Db => database!.Db;

    private AuditLog Audit => new(new HttpContextAccessor(), TimeProvider.System);

    private GapSettingsStore Store => new(Db, Audit, TimeProvider.System);

    // One cache for the whole test, as the app keeps one: every analysis below after a write goes through it.
    private readonly GapCache cache = new();

    private static readonly Microsoft.AspNetCore.Http.HttpContextAccessor NoRequest = new();

    private RequestDataVersions Versions => new(Db, NoRequest);

    private GapAnalyser Analyser => new(Db, Versions, Store, cache, new EnterpriseRegions(Db, Versions));

    private GapSnapshots Snapshots => new(Db, Analyser, TimeProvider.System);

    public async Task InitializeAsync()
    {
        if (provider != DatabaseProvider.Sqlite && SqlServerTarget.ConnectionString is null)
        {
            return;
        }

        database = await ProviderDatabase.CreateAsync(provider);
        var map = new ChainMap("T", "测试链", "Test chain", null,
            [
                new ChainNodeSpec("RAW", "原料", "Raw", Segments.Upstream, null, [], true, null),
                new ChainNodeSpec("PART", "零件", "Parts", Segments.Upstream, null, [], false, null),
                new ChainNodeSpec("ASM", "整机", "Assembly", Segments.Midstream, null, [], false, null),
                new ChainNodeSpec("SHOP", "门店", "Shops", Segments.Downstream, null, [], false, null),
            ],
            [new ChainEdgeSpec("RAW", "PART", null), new ChainEdgeSpec("PART", "ASM", 0.5m), new ChainEdgeSpec("ASM", "SHOP", null)]);
        var saved = await new ChainMapImporter(Db, Audit, TimeProvider.System).SaveAsync(new ChainSaveRequest(map));
        Assert.True(saved.Succeeded);

        await EnterpriseAsync("本地零件", "local", "浙江省", 100m, "PART");
        await EnterpriseAsync("本地整机甲", "local", "浙江省", 100m, "ASM");
        await EnterpriseAsync("本地整机乙", "local", "浙江省", 200m, "ASM");
        await EnterpriseAsync("沪冠军原料", "prospect", "上海市", 900m, "RAW", "single_champion");
        await EnterpriseAsync("浙高新原料", "prospect", "浙江省", 50m, "RAW", "high_tech");
        var busy = await EnterpriseAsync("浙在谈原料", "prospect", "浙江省", 5000m, "RAW");
        var owner = await Db.InTransactionAsync(s => s.InsertAsync(
            """
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, DisplayName, SecurityStamp, ConcurrencyStamp, CreatedAtUtc)
            VALUES (@Email, @Normalized, @Email, @Normalized, @Email, 's', 'c', @Now)
            """,
            new { Email = "owner@test.local", Normalized = "OWNER@TEST.LOCAL", Now = DateTime.UtcNow }));
        await ProjectAsync("P-1", busy, owner, "lead", "RAW");
        await ProjectAsync("P-2", busy, owner, "lost", "RAW");
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [ProviderFact]
    public async Task Analyse_aggregates_local_output_and_active_projects_per_node()
    {
        var result = await Analyser.AnalyseAsync("t", ProjectScope.Everything, CancellationToken.None);

        Assert.NotNull(result);
        Assert.Equal(("T", "测试链", "Test chain"), (result.Code, result.Name, result.NameEn));
        var raw = result.Find("RAW")!;
        // D(RAW) = 1·Y(PART) = 100; key link; the lead project covers 0.05, the lost one nothing:
        // (0.6·100/100 + 0 + 0.2) × 0.95 = 0.76.
        Assert.Equal(("missing", 1, 100m, 0.05m), (raw.Status, raw.Rank!.Value, raw.DemandWan, raw.PipelineCoverage));
        Assert.Equal(0.76, raw.Score, 6);
        Assert.Equal([new CoveringProject("P-1", "项目P-1", "lead")], raw.Projects);
        var asm = result.Find("ASM")!;
        Assert.Equal((2, 300m, "covered", 100m), (asm.LocalCount, asm.LocalOutputWan, asm.Status, asm.SupplyWan));
        Assert.Equal(("weak", 150m), (result.Find("PART")!.Status, result.Find("PART")!.DemandWan));
        Assert.Equal("extend", result.Find("SHOP")!.Status);

        Assert.Null(await Analyser.AnalyseAsync("NOPE", ProjectScope.Everything, CancellationToken.None));
        Assert.Equal(["T"], (await Analyser.AnalyseAllAsync(ProjectScope.Everything, CancellationToken.None)).Select(c => c.Code));
    }

    [ProviderFact]
    public async Task Analyse_names_only_the_covering_projects_the_reader_may_see_and_counts_them_all()
    {
        var owner = await Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'owner@test.local'");

        var forOwner = (await Analyser.AnalyseAsync("T", ProjectScope.ForReader(owner, null, false), CancellationToken.None))!.Find("RAW")!;
        var forOther = (await Analyser.AnalyseAsync("T", ProjectScope.ForReader(owner + 1, null, false), CancellationToken.None))!.Find("RAW")!;
        var forNobody = (await Analyser.AnalyseAsync("T", null, CancellationToken.None))!.Find("RAW")!;

        Assert.Equal(["P-1"], forOwner.Projects.Select(p => p.Code));
        Assert.Empty(forOther.Projects);
        Assert.Empty(forNobody.Projects);
        Assert.All(new[] { forOwner, forOther, forNobody }, raw => Assert.Equal((1, 0.05m, 0.76), (raw.ProjectCount, raw.PipelineCoverage, Math.Round(raw.Score, 6))));
    }

    [ProviderFact]
    public async Task Recommend_skips_prospects_in_active_projects_and_puts_the_home_province_first()
    {
        var targets = await Analyser.RecommendAsync("T", "raw", 10, CancellationToken.None);

        Assert.Equal(["浙高新原料", "沪冠军原料"], targets.Select(t => t.Name));
        Assert.True(targets[0].SameProvince);
        Assert.Equal(["single_champion"], targets[1].Qualifications);
        Assert.Empty(await Analyser.RecommendAsync("T", "NOPE", 10, CancellationToken.None));
    }

    [ProviderFact]
    public async Task Snapshots_record_the_result_and_report_gaps_closed_since()
    {
        var first = await Snapshots.RecordAsync("T", "test", CancellationToken.None);
        Assert.Null(first!.Previous);
        Assert.False(first.Changes.Any);

        await EnterpriseAsync("新落地原料", "local", "浙江省", 500m, "RAW");

        var comparison = await Snapshots.CompareAsync("T", null, CancellationToken.None);
        Assert.Equal(first.Recorded!.Id, comparison!.Previous!.Id);
        Assert.Equal(["RAW"], comparison.Changes.Closed.Select(c => c.Code));
        Assert.Equal(("missing", "covered"), (comparison.Changes.Closed[0].StatusBefore, comparison.Changes.Closed[0].StatusAfter));
        Assert.Equal(["PART", "SHOP"], comparison.Changes.Moved.Select(c => c.Code)); // each moved up a place

        var second = await Snapshots.RecordAsync("T", "test", CancellationToken.None);
        Assert.Equal(first.Recorded.Id, second!.Previous!.Id);
        Assert.Equal(2, (await Snapshots.ListAsync("T", 10, CancellationToken.None)).Count);
        Assert.Null(await Snapshots.RecordAsync("NOPE", "test", CancellationToken.None));
        var beforeAny = await Snapshots.CompareAsync("T", first.Recorded.TakenAtUtc, CancellationToken.None);
        Assert.Null(beforeAny!.Previous);
    }

    [ProviderFact]
    public async Task Settings_are_validated_saved_once_per_version_and_used_by_the_analysis()
    {
        Assert.Equal(0, (await Store.LoadAsync()).Version);
        var keyOnly = GapSettings.Default with { WeightDemand = 0m, WeightSupply = 0m, WeightKey = 1m };

        Assert.Equal(SaveOutcome.Rejected, (await Store.SaveAsync(keyOnly with { WeightKey = 2m }, 0, null)).Outcome);
        Assert.Equal(SaveOutcome.Created, (await Store.SaveAsync(keyOnly, 0, null)).Outcome);
        Assert.Equal(SaveOutcome.Conflict, (await Store.SaveAsync(GapSettings.Default, 0, null)).Outcome);
        Assert.Equal(SaveOutcome.Unchanged, (await Store.SaveAsync(keyOnly, 1, null)).Outcome);

        var stored = await Store.LoadAsync();
        Assert.Equal((1, 0m, 1m), (stored.Version, stored.Settings.WeightDemand, stored.Settings.WeightKey));
        Assert.Equal(GapSettings.Default.StageProbabilities, stored.Settings.StageProbabilities);
        var raw = (await Analyser.AnalyseAsync("T", ProjectScope.Everything, CancellationToken.None))!.Find("RAW")!;
        Assert.Equal(0.95, raw.Score, 6);
    }

    /// <summary>Writes to every table the analysis reads, each by plain SQL as any importer, page or script could
    /// run it; after each one the cached analysis must equal one computed from scratch.</summary>
    private static readonly (string Write, string Sql)[] Writes =
    [
        ("chain renamed", "UPDATE Chains SET Name = '测试链二' WHERE Code = 'T'"),
        ("node made key", "UPDATE ChainNodes SET IsKey = 1 WHERE Code = 'SHOP'"),
        ("edge weight", "UPDATE ChainEdges SET Weight = 0.9 WHERE Weight = 0.5"),
        ("edge removed", "DELETE FROM ChainEdges WHERE Weight IS NULL AND FromNodeId = (SELECT Id FROM ChainNodes WHERE Code = 'ASM')"),
        ("revenue changed", "UPDATE Enterprises SET AnnualRevenueWan = 10 WHERE Name = '本地整机乙'"),
        ("prospect landed", "UPDATE Enterprises SET Kind = 'local' WHERE Name = '沪冠军原料'"),
        ("mapping removed", "DELETE FROM EnterpriseNodes WHERE EnterpriseId = (SELECT Id FROM Enterprises WHERE Name = '本地零件')"),
        ("stage moved", "UPDATE Projects SET Stage = 'signed' WHERE Code = 'P-1'"),
        ("project targets another node", "UPDATE ProjectNodes SET NodeId = (SELECT Id FROM ChainNodes WHERE Code = 'SHOP') WHERE ProjectId = (SELECT Id FROM Projects WHERE Code = 'P-1')"),
        ("project lost", "UPDATE Projects SET Stage = 'lost' WHERE Code = 'P-1'"),
        ("settings saved", "INSERT INTO GapSettings (Id, WeightDemand, WeightSupply, WeightKey, WeightStrategic, ProbabilityLead, ProbabilityContacted, ProbabilitySiteVisit, ProbabilityNegotiation, ProbabilitySigned, ProbabilityStarted, Version, UpdatedAtUtc) VALUES (1, 0, 0, 1, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1, '2026-01-01')"),
    ];

    [ProviderFact]
    public async Task Every_kind_of_write_the_analysis_reads_is_reflected_by_the_next_analysis()
    {
        var owner = await Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'owner@test.local'");
        var reader = ProjectScope.ForReader(owner, null, false);
        foreach (var (write, sql) in Writes)
        {
            var before = await Analyser.AnalyseAsync("T", null, CancellationToken.None);
            var beforeForOwner = await Analyser.AnalyseAsync("T", reader, CancellationToken.None);
            Assert.Same(before, await Analyser.AnalyseAsync("T", null, CancellationToken.None)); // reused while nothing changed

            Assert.True(await Db.ExecuteAsync(sql) > 0, write);

            var after = await Analyser.AnalyseAsync("T", null, CancellationToken.None);
            var afterForOwner = await Analyser.AnalyseAsync("T", reader, CancellationToken.None);
            Assert.True(Json(before) + Json(beforeForOwner) != Json(after) + Json(afterForOwner), $"{write}: the write changes the result");
            var fromScratch = new GapAnalyser(Db, Versions, Store, new GapCache(), new EnterpriseRegions(Db, Versions));
            Assert.Equal(Json(await fromScratch.AnalyseAsync("T", null, CancellationToken.None)), Json(after));
            Assert.Equal(Json(await fromScratch.AnalyseAsync("T", reader, CancellationToken.None)), Json(afterForOwner));
            Assert.Equal(Json(after), Json((await Analyser.AnalyseAllAsync(null, CancellationToken.None)).Single()));
        }
    }

    [ProviderFact]
    public async Task A_reader_of_another_scope_never_gets_the_projects_cached_for_the_first()
    {
        var owner = await Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'owner@test.local'");
        var team = await Db.InTransactionAsync(s => s.InsertAsync("INSERT INTO Teams (Name, CreatedAtUtc) VALUES ('招商一科', @Now)", new { Now = DateTime.UtcNow }));
        var otherTeam = await Db.InTransactionAsync(s => s.InsertAsync("INSERT INTO Teams (Name, CreatedAtUtc) VALUES ('招商二科', @Now)", new { Now = DateTime.UtcNow }));
        await Db.ExecuteAsync("UPDATE Projects SET TeamId = @Team WHERE Code = 'P-1'", new { Team = team });

        // The owner and everyone-readers fill the cache first; a staff member of no team and one of another team
        // read the same unchanged data after them.
        Assert.Equal(["P-1"], (await Analyser.AnalyseAsync("T", ProjectScope.ForReader(owner, null, false), CancellationToken.None))!.Find("RAW")!.Projects.Select(p => p.Code));
        Assert.Equal(["P-1"], (await Analyser.AnalyseAsync("T", ProjectScope.Everything, CancellationToken.None))!.Find("RAW")!.Projects.Select(p => p.Code));
        Assert.Empty((await Analyser.AnalyseAsync("T", ProjectScope.ForReader(owner + 1, null, false), CancellationToken.None))!.Find("RAW")!.Projects);
        Assert.Empty((await Analyser.AnalyseAsync("T", ProjectScope.ForReader(owner + 1, otherTeam, false), CancellationToken.None))!.Find("RAW")!.Projects);
        Assert.Empty((await Analyser.AnalyseAllAsync(ProjectScope.ForReader(owner + 1, otherTeam, false), CancellationToken.None)).Single().Find("RAW")!.Projects);
        Assert.Empty((await Analyser.AnalyseAsync("T", null, CancellationToken.None))!.Find("RAW")!.Projects);
        // A teammate sees it through the team.
        Assert.Equal(["P-1"], (await Analyser.AnalyseAsync("T", ProjectScope.ForReader(owner + 1, team, false), CancellationToken.None))!.Find("RAW")!.Projects.Select(p => p.Code));
    }

    private static string Json(ChainGaps? gaps) => System.Text.Json.JsonSerializer.Serialize(gaps);

    private async Task<long> EnterpriseAsync(string name, string kind, string province, decimal revenue, string node, string? qualification = null)
    {
        var uscc = Uscc.MakeValid("91330100" + (++usccNumber).ToString("000000000", System.Globalization.CultureInfo.InvariantCulture));
        return await Db.InTransactionAsync(async s =>
        {
            var id = await s.InsertAsync(
                """
                INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, Province, AnnualRevenueWan, Version, CreatedAtUtc, UpdatedAtUtc)
                VALUES (@Uscc, @Name, @Name, @Kind, @Province, @Revenue, 1, @Now, @Now)
                """,
                new { Uscc = uscc, Name = name, Kind = kind, Province = province, Revenue = revenue, Now = DateTime.UtcNow });
            await s.ExecuteAsync(
                "INSERT INTO EnterpriseNodes (EnterpriseId, NodeId) SELECT @Id, n.Id FROM ChainNodes n JOIN Chains c ON c.Id = n.ChainId WHERE c.Code = 'T' AND n.Code = @Node",
                new { Id = id, Node = node });
            if (qualification is not null)
            {
                await s.ExecuteAsync("INSERT INTO EnterpriseQualifications (EnterpriseId, Qualification) VALUES (@Id, @Q)", new { Id = id, Q = qualification });
            }

            return id;
        });
    }

    private Task ProjectAsync(string code, long enterpriseId, long owner, string stage, string node) =>
        Db.InTransactionAsync(async s =>
        {
            var id = await s.InsertAsync(
                """
                INSERT INTO Projects (Code, Title, EnterpriseId, Stage, Source, OwnerUserId, Version, CreatedAtUtc, UpdatedAtUtc)
                VALUES (@Code, @Title, @EnterpriseId, @Stage, 'other', @Owner, 1, @Now, @Now)
                """,
                new { Code = code, Title = "项目" + code, EnterpriseId = enterpriseId, Stage = stage, Owner = owner, Now = DateTime.UtcNow });
            await s.ExecuteAsync(
                "INSERT INTO ProjectNodes (ProjectId, NodeId) SELECT @Id, n.Id FROM ChainNodes n JOIN Chains c ON c.Id = n.ChainId WHERE c.Code = 'T' AND n.Code = @Node",
                new { Id = id, Node = node });
            return 0;
        });
}

public sealed class SqliteGapAnalyserTests() : GapAnalyserProviderTests(DatabaseProvider.Sqlite);

public sealed class SqlServerGapAnalyserTests() : GapAnalyserProviderTests(DatabaseProvider.SqlServer), IRunsOnSqlServer;
