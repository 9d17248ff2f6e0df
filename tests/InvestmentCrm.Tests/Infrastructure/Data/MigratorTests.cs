using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace InvestmentCrm.Tests.Infrastructure.Data;

public sealed class MigratorTests : IDisposable
{
    private readonly TempDirectory folder = new("crm-migrator");
    private readonly Db db;

    public MigratorTests()
    {
        db = new Db(new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = SqliteDialect.NormalizeConnectionString($"Data Source={folder.File("m.db")}", folder.Path),
        });
    }

    private Migrator Migrator => new(db, NullLogger<Migrator>.Instance);

    [Fact]
    public async Task Applies_every_embedded_script_in_order_and_journals_it_with_its_checksum()
    {
        var scripts = Migrator.EmbeddedScripts(db.Dialect);

        var applied = await Migrator.MigrateAsync();

        Assert.Equal(scripts.Select(s => s.Name), applied);
        Assert.Equal(applied.Order(StringComparer.Ordinal), applied);
        var journal = await db.QueryAsync<(string ScriptName, string Checksum)>("SELECT ScriptName, Checksum FROM SchemaJournal ORDER BY ScriptName");
        Assert.Equal(scripts.Select(s => (s.Name, s.Checksum)), journal);
    }

    [Fact]
    public async Task Second_run_applies_nothing_and_keeps_data()
    {
        await Migrator.MigrateAsync();
        await db.ExecuteAsync("INSERT INTO Teams (Name, CreatedAtUtc) VALUES ('招商一科', @Now)", new { Now = SampleStamps.CreatedUtc });

        var applied = await Migrator.MigrateAsync();

        Assert.Empty(applied);
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Teams"));
    }

    [Fact]
    public async Task A_changed_script_that_already_ran_stops_with_a_clear_error()
    {
        var original = new MigrationScript("0001_a.sql", "CREATE TABLE A (Id INTEGER PRIMARY KEY);");
        await Migrator.MigrateAsync([original]);

        var edited = original with { Sql = "CREATE TABLE A (Id INTEGER PRIMARY KEY, Name TEXT);" };
        var error = await Assert.ThrowsAsync<MigrationException>(() => Migrator.MigrateAsync([edited]));

        Assert.Contains("0001_a.sql", error.Message);
        Assert.Contains("changed after it was applied", error.Message);
    }

    [Fact]
    public async Task A_changed_script_stops_even_the_scripts_after_it()
    {
        await Migrator.MigrateAsync([new MigrationScript("0001_a.sql", "CREATE TABLE A (Id INTEGER PRIMARY KEY);")]);

        await Assert.ThrowsAsync<MigrationException>(() => Migrator.MigrateAsync(
        [
            new MigrationScript("0001_a.sql", "CREATE TABLE A (Id INTEGER);"),
            new MigrationScript("0002_b.sql", "CREATE TABLE B (Id INTEGER PRIMARY KEY);"),
        ]));

        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'B'"));
    }

    [Fact]
    public async Task A_failing_script_is_rolled_back_whole_and_not_journaled()
    {
        var bad = new MigrationScript("0001_bad.sql", "CREATE TABLE Good (Id INTEGER PRIMARY KEY);\nINSERT INTO Missing (X) VALUES (1);");

        var error = await Assert.ThrowsAsync<MigrationException>(() => Migrator.MigrateAsync([bad]));

        Assert.Contains("0001_bad.sql", error.Message);
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'Good'"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM SchemaJournal"));
    }

    [Fact]
    public async Task A_new_script_is_applied_after_the_ones_already_run()
    {
        var first = new MigrationScript("0001_a.sql", "CREATE TABLE A (Id INTEGER PRIMARY KEY);");
        await Migrator.MigrateAsync([first]);

        var applied = await Migrator.MigrateAsync([first, new MigrationScript("0002_b.sql", "ALTER TABLE A ADD COLUMN Name TEXT;")]);

        Assert.Equal(["0002_b.sql"], applied);
        await db.ExecuteAsync("INSERT INTO A (Name) VALUES ('x')");
    }

    [Fact]
    public void Both_dialect_folders_hold_the_same_script_names()
    {
        var sqlite = Directory.GetFiles(RepoPaths.Db("sqlite"), "*.sql").Select(Path.GetFileName).Order();
        var sqlServer = Directory.GetFiles(RepoPaths.Db("sqlserver"), "*.sql").Select(Path.GetFileName).Order();

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, sqlServer);
        Assert.All(sqlite, name => Assert.Matches(@"^\d{4}_[a-z0-9_]+\.sql$", name));
    }

    [Fact]
    public void Embedded_scripts_are_the_files_in_db()
    {
        foreach (var dialect in new ISqlDialect[] { SqliteDialect.Instance, SqlServerDialect.Instance })
        {
            var embedded = Migrator.EmbeddedScripts(dialect).Select(s => s.Name);
            var files = Directory.GetFiles(RepoPaths.Db(dialect.Name), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal);
            Assert.Equal(files, embedded);
        }
    }

    public void Dispose() => folder.Dispose();
}
