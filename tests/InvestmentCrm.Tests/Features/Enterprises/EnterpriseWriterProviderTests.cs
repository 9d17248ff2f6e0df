using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Chains;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;
using static InvestmentCrm.Tests.Support.ImportTestFiles;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>Saving enterprises (imports and the create/edit pages' saves), once per database provider.</summary>
public abstract class EnterpriseWriterProviderTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly List<ProviderDatabase> databases = [];

    private Db Db => databases[0].Db;

    private EnterpriseWriter Writer => EnterpriseSamples.Writer(Db);

    private EnterpriseImporter Importer => EnterpriseSamples.Importer(Db);

    public async Task InitializeAsync()
    {
        if (provider == DatabaseProvider.Sqlite || SqlServerTarget.ConnectionString is not null)
        {
            databases.Add(await FreshWithSewAsync());
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
    }

    private async Task<ProviderDatabase> FreshWithSewAsync()
    {
        var database = await ProviderDatabase.CreateAsync(provider);
        var chains = new ChainMapImporter(database.Db, new InvestmentCrm.Web.Infrastructure.Audit.AuditLog(new Microsoft.AspNetCore.Http.HttpContextAccessor(), TimeProvider.System), TimeProvider.System);
        await chains.SaveAsync(new ChainSaveRequest(ChainSamples.Sew));
        await chains.SaveAsync(new ChainSaveRequest(ChainSamples.Small()));
        return database;
    }

    private static async Task<IReadOnlyList<EnterpriseFileRow>> ExportAsync(IDb db) =>
        await EnterpriseList.ExportRowsAsync(db, await EnterpriseList.WhereAsync(db, new EnterpriseFilter(), default), default);

    private static string CsvOf(IEnumerable<EnterpriseFileRow> rows) =>
        System.Text.Encoding.UTF8.GetString(WriteCsv(EnterpriseImport.Header, rows.Select(EnterpriseImport.ToCsvRow)));

    [ProviderFact]
    public async Task Import_then_export_into_an_empty_database_gives_the_same_data()
    {
        var csv = EnterpriseSamples.DemoCsv();
        var first = await Importer.ImportCsvAsync(csv);
        Assert.Equal((20, 0, 0), (first.Created, first.Updated, first.Unchanged));
        var exported = await ExportAsync(Db);

        var second = await FreshWithSewAsync();
        databases.Add(second);
        var again = await EnterpriseSamples.Importer(second.Db).ImportCsvAsync(CsvOf(exported));
        var reexported = await ExportAsync(second.Db);

        Assert.Equal(20, again.Created);
        Assert.Equal(CsvOf(exported), CsvOf(reexported));
        var yina = reexported.Single(e => e.Name == "浙江衣拿智能科技有限公司");
        Assert.Equal(("prospect", "杭州市", 80000m, 700), (yina.Kind, yina.City, yina.AnnualRevenueWan, yina.Employees));
        Assert.Equal([new ChainNodeRef("SEW", "HANG")], yina.ChainNodes);
        Assert.Equal(["high_tech", "srdi"], yina.Qualifications);
        Assert.Equal(("刘振宇", "董事长", "0571-86543210"), (yina.Contact?.Name, yina.Contact?.Title, yina.Contact?.Phone));
    }

    [ProviderFact]
    public async Task Xlsx_with_the_same_header_imports_the_same_data_as_csv()
    {
        var rows = new[] { EnterpriseSamples.Row(1), EnterpriseSamples.Row(2, "SEW:HANG;PV:CELL") };
        var xlsx = WriteXlsx(EnterpriseImport.Header, rows.Select(r => (IReadOnlyList<string?>)EnterpriseImport.Header.Select(h => (string?)r[h]).ToList()), EnterpriseImport.NumericColumns);

        var (validation, summary) = await Importer.ImportFileAsync(new MemoryStream(xlsx), "企业名录.xlsx", new EnterpriseImportOptions());

        Assert.True(validation.Ok, string.Join("\n", validation.Problems));
        Assert.Equal(2, summary!.Created);
        var exported = await ExportAsync(Db);
        Assert.Equal([new ChainNodeRef("PV", "CELL"), new ChainNodeRef("SEW", "HANG")], exported[1].ChainNodes);
        Assert.Equal(1002.5m, exported[1].AnnualRevenueWan);
        Assert.Equal("台州测试智能装备有限公司002", exported[1].Name);
    }

    [ProviderFact]
    public async Task Reimporting_the_same_file_changes_nothing()
    {
        var csv = EnterpriseSamples.DemoCsv();
        await Importer.ImportCsvAsync(csv);
        var audit = await ChainSamples.CountAsync(Db, "AuditLog");
        var versions = await Db.QueryAsync<(string, int, DateTime)>("SELECT Uscc, Version, UpdatedAtUtc FROM Enterprises ORDER BY Uscc");

        var again = await Importer.ImportCsvAsync(csv);

        Assert.Equal((0, 0, 20), (again.Created, again.Updated, again.Unchanged));
        Assert.Equal(audit, await ChainSamples.CountAsync(Db, "AuditLog"));
        Assert.Equal(versions, await Db.QueryAsync<(string, int, DateTime)>("SELECT Uscc, Version, UpdatedAtUtc FROM Enterprises ORDER BY Uscc"));
        Assert.Equal(20, await ChainSamples.CountAsync(Db, "EnterpriseContacts"));
    }

    [ProviderFact]
    public async Task A_changed_row_updates_fields_nodes_qualifications_and_the_first_contact_and_is_audited()
    {
        await Importer.ImportCsvAsync(EnterpriseSamples.Csv(EnterpriseSamples.Row(1), EnterpriseSamples.Row(2)));
        var id = await EnterpriseSamples.IdOfAsync(Db, UsccTestHelper.Make(2));
        await Db.ExecuteAsync("INSERT INTO EnterpriseContacts (EnterpriseId, Name, IsPrimary, SortOrder) VALUES (@Id, '李四', 0, 1)", new { Id = id });

        var changed = EnterpriseSamples.Row(2, "PV:CELL").With(("annual_revenue_wan", "2500"), ("qualifications", "listed"), ("contact_name", "王五"), ("name", "台州测试智能装备股份有限公司"));
        var summary = await Importer.ImportCsvAsync(EnterpriseSamples.Csv(EnterpriseSamples.Row(1), changed));

        Assert.Equal((0, 1, 1), (summary.Created, summary.Updated, summary.Unchanged));
        var row = (await ExportAsync(Db)).Single(e => e.Uscc == UsccTestHelper.Make(2));
        Assert.Equal(("台州测试智能装备股份有限公司", 2500m, "王五"), (row.Name, row.AnnualRevenueWan, row.Contact?.Name));
        Assert.Equal([new ChainNodeRef("PV", "CELL")], row.ChainNodes);
        Assert.Equal(["listed"], row.Qualifications);
        Assert.Equal(["王五", "李四"], await Db.QueryAsync<string>("SELECT Name FROM EnterpriseContacts WHERE EnterpriseId = @Id ORDER BY SortOrder, Id", new { Id = id }));
        Assert.Equal(2, await Db.ExecuteScalarAsync<int>("SELECT Version FROM Enterprises WHERE Id = @Id", new { Id = id }));
        var entries = await Db.QueryAsync<(string Action, string Changes)>(
            "SELECT Action, Changes FROM AuditLog WHERE EntityType = 'Enterprise' AND EntityId = @Id ORDER BY Id", new { Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("import", e.Action));
        Assert.Contains("2500", entries[1].Changes, StringComparison.Ordinal);
        Assert.Contains("updated", entries[1].Changes, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task Every_kind_of_bad_row_rejects_the_whole_file_with_its_line_number_and_writes_nothing()
    {
        var csv = EnterpriseSamples.Csv(
            EnterpriseSamples.Row(1),
            EnterpriseSamples.Row(2).With(("uscc", "91310110666007217A")),
            EnterpriseSamples.Row(3, "SEW:NOPE"),
            EnterpriseSamples.Row(4).With(("name", "")),
            EnterpriseSamples.Row(5).With(("annual_revenue_wan", "12万")),
            EnterpriseSamples.Row(6));

        var (validation, summary) = await Importer.ImportFileAsync(EnterpriseSamples.Stream(csv), "bad.csv", new EnterpriseImportOptions());

        Assert.Null(summary);
        Assert.Equal(
            [(3, "uscc", ImportKeys.BadUscc), (4, "chain_nodes", ImportKeys.UnknownChainNode), (5, "name", ImportKeys.Required), (6, "annual_revenue_wan", ImportKeys.NotANumber)],
            validation.Problems.Select(p => (p.Line, p.Column!, p.Key)));
        Assert.Equal(0, await ChainSamples.CountAsync(Db, "Enterprises"));
        Assert.Equal(0, await ChainSamples.CountAsync(Db, "EnterpriseNodes"));
    }

    [ProviderFact]
    public async Task A_wrong_header_is_reported_on_line_1_and_nothing_is_written()
    {
        var csv = EnterpriseSamples.Csv(EnterpriseSamples.Row(1)).Replace("annual_revenue_wan", "revenue", StringComparison.Ordinal);

        var (validation, summary) = await Importer.ImportFileAsync(EnterpriseSamples.Stream(csv), "bad.csv", new EnterpriseImportOptions());

        Assert.Null(summary);
        AssertProblem(validation.Problems, 1, "annual_revenue_wan", ImportKeys.MissingColumn);
        AssertProblem(validation.Problems, 1, "revenue", ImportKeys.UnknownColumn);
        Assert.Equal(0, await ChainSamples.CountAsync(Db, "Enterprises"));
    }

    [ProviderFact]
    public async Task Import_flags_names_that_differ_only_in_spaces_and_bracket_styles_but_still_saves_them()
    {
        await Importer.ImportCsvAsync(EnterpriseSamples.Csv(EnterpriseSamples.Row(1).With(("name", "浙江衣拿(智能)科技有限公司"))));

        var summary = await Importer.ImportCsvAsync(EnterpriseSamples.Csv(
            EnterpriseSamples.Row(1).With(("name", "浙江衣拿(智能)科技有限公司")),
            EnterpriseSamples.Row(2).With(("name", "浙江 衣拿【智能】科技有限公司")),
            EnterpriseSamples.Row(3).With(("name", "浙江衣拿智能科技有限公司"))));

        var flagged = Assert.Single(summary.NearDuplicates);
        Assert.Equal((3, "浙江 衣拿【智能】科技有限公司", "浙江衣拿(智能)科技有限公司", UsccTestHelper.Make(1)), (flagged.Line, flagged.Name, flagged.OtherName, flagged.OtherUscc));
        Assert.Equal(2, summary.Created);
    }

    [ProviderFact]
    public async Task Create_refuses_a_taken_uscc_and_names_the_enterprise_that_has_it()
    {
        await Importer.ImportCsvAsync(EnterpriseSamples.Csv(EnterpriseSamples.Row(1)));
        var record = EnterpriseSamples.Record(UsccTestHelper.Make(1), "另一家公司");

        var result = await Writer.CreateAsync(record);

        Assert.Equal(SaveOutcome.Rejected, result.Outcome);
        Assert.Equal([new FieldProblem("Uscc", "Enterprises.Error.DuplicateUscc", UsccTestHelper.Make(1), "台州测试智能装备有限公司001")], result.Problems);
        Assert.Equal(await EnterpriseSamples.IdOfAsync(Db, UsccTestHelper.Make(1)), result.Id);
        Assert.Equal("台州测试智能装备有限公司001", result.ExistingName);
        Assert.Equal(1, await ChainSamples.CountAsync(Db, "Enterprises"));
    }

    [ProviderFact]
    public async Task Update_with_a_stale_version_is_refused_and_changes_nothing()
    {
        var created = await Writer.CreateAsync(EnterpriseSamples.Record(UsccTestHelper.Make(7), "浙江（台州）缝制科技有限公司"));
        var first = await Writer.UpdateAsync(created.Id, 1, EnterpriseSamples.Record(UsccTestHelper.Make(7), "第一次保存"));

        var second = await Writer.UpdateAsync(created.Id, 1, EnterpriseSamples.Record(UsccTestHelper.Make(7), "第二次保存"));

        Assert.Equal(SaveOutcome.Updated, first.Outcome);
        Assert.Equal(SaveOutcome.Conflict, second.Outcome);
        var (stored, version) = (await Writer.LoadAsync(created.Id))!.Value;
        Assert.Equal(("第一次保存", 2), (stored.Name, version));
        Assert.Equal(["张三", "李四"], stored.Contacts.Select(c => c.Name));
    }

    [ProviderFact]
    public async Task A_second_row_with_a_taken_uscc_is_recognised_as_a_unique_violation_and_a_missing_name_is_not()
    {
        await Importer.ImportCsvAsync(EnterpriseSamples.Csv(EnterpriseSamples.Row(1)));
        var row = new { Uscc = UsccTestHelper.Make(1), Name = "重复", Now = SampleStamps.CreatedUtc };

        var duplicate = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Db.ExecuteAsync(Sql.InsertEnterprise, row));
        var missingName = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Db.ExecuteAsync(Sql.InsertEnterprise, row with { Uscc = UsccTestHelper.Make(2), Name = (string)null! }));

        Assert.True(DbErrors.IsUniqueViolation(duplicate), duplicate.Message);
        Assert.False(DbErrors.IsUniqueViolation(missingName), missingName.Message);
        Assert.False(DbErrors.IsUniqueViolation(new InvalidOperationException("UNIQUE constraint failed: Enterprises.Uscc")));
    }

    [ProviderFact]
    public async Task Seed_bulk_rows_are_valid_and_spread_over_every_chain()
    {
        var nodes = (await EnterpriseList.NodeOptionsAsync(Db, default)).Select(n => new ChainNodeRef(n.ChainCode, n.Code)).ToList();
        var rows = InvestmentCrm.Web.Features.Demo.SyntheticEnterprises.Generate(300, nodes, new HashSet<string>(), new HashSet<string>(), new Random(42));

        var summary = await Importer.ImportAsync(rows, new EnterpriseImportOptions(EnterpriseImportMode.CreateMissing, AuditEachRow: false));

        Assert.Equal(300, summary.Created);
        Assert.Empty(summary.NearDuplicates);
        Assert.All(rows, r => Assert.True(InvestmentCrm.Web.Domain.Uscc.IsValid(r.Uscc), r.Uscc));
        var chains = await Db.QueryAsync<string>("SELECT DISTINCT c.Code FROM EnterpriseNodes en JOIN ChainNodes n ON n.Id = en.NodeId JOIN Chains c ON c.Id = n.ChainId ORDER BY c.Code");
        Assert.Equal(["PV", "SEW"], chains);
        Assert.Equal(1, await ChainSamples.CountAsync(Db, "AuditLog") - 2);
    }
}

file static class Sql
{
    public const string InsertEnterprise =
        "INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, CreatedAtUtc, UpdatedAtUtc) VALUES (@Uscc, @Name, @Name, 'local', @Now, @Now)";
}

public sealed class SqliteEnterpriseWriterTests() : EnterpriseWriterProviderTests(DatabaseProvider.Sqlite);

public sealed class SqlServerEnterpriseWriterTests() : EnterpriseWriterProviderTests(DatabaseProvider.SqlServer), IRunsOnSqlServer;
