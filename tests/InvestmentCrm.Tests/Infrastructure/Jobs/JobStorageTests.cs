using Dapper;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace InvestmentCrm.Tests.Infrastructure.Jobs;

/// <summary>Where Hangfire keeps its data for each provider, and the SQLite library everything runs on.</summary>
public sealed class JobStorageTests
{
    [Fact]
    public async Task On_sqlite_hangfire_has_its_own_file_beside_the_app_database_and_the_app_database_has_none_of_its_tables()
    {
        await using var app = new AppFactory();
        _ = app.Services;

        var file = Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "app.hangfire.db");
        Assert.IsType<SQLiteStorage>(app.JobStorage);
        Assert.True(File.Exists(file));
        await using var hangfire = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
        var hangfireTables = (await hangfire.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToList();
        Assert.Contains("Job", hangfireTables);
        Assert.Contains("Hash", hangfireTables);
        var appTables = await app.Db.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'");
        Assert.Empty(appTables.Intersect(hangfireTables, StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain(appTables, t => t.StartsWith("QRTZ_", StringComparison.Ordinal) || t == "JobRuns");
    }

    [Fact]
    public void The_hangfire_file_is_named_after_the_app_database_or_set_explicitly()
    {
        var database = new DatabaseOptions { ConnectionString = "Data Source=/srv/crm/App_Data/investmentcrm.db" };

        Assert.Equal("/srv/crm/App_Data/investmentcrm.hangfire.db", JobStorages.SqliteFile(database, new JobsOptions(), "/srv/crm"));
        Assert.Equal("/srv/crm/jobs/hf.db", JobStorages.SqliteFile(database, new JobsOptions { SqliteFile = "jobs/hf.db" }, "/srv/crm"));
        Assert.Throws<InvalidOperationException>(() => JobStorages.SqliteFile(new DatabaseOptions { ConnectionString = "Data Source=:memory:" }, new JobsOptions(), "/srv/crm"));
    }

    [Fact]
    public async Task The_app_and_hangfires_own_connections_both_run_sqlite_3_53_or_newer()
    {
        await using var app = new AppFactory();
        var storage = Assert.IsType<SQLiteStorage>(app.JobStorage);

        var appVersion = await app.Db.ExecuteScalarAsync<string>("SELECT sqlite_version()");
        using var hangfireConnection = storage.CreateAndOpenConnection();
        var hangfireVersion = hangfireConnection.Database.ExecuteScalar<string>("SELECT sqlite_version()");

        // Hangfire.Storage.SQLite brings an older native SQLite (3.49); the build must keep the bundle's 3.53.
        Assert.Equal(appVersion, hangfireVersion);
        Assert.True(Version.Parse(appVersion!) >= new Version(3, 53), $"SQLite {appVersion} was loaded");
    }

    [Fact]
    public async Task The_sql_server_install_script_the_command_line_prints_parses_as_t_sql()
    {
        using var folder = new TempDirectory("crm-install-script");
        var printed = await Support.Cli.RunAsync(folder.File("cli.db"), "jobs", "install-script", "--schema", "crm_jobs");

        Assert.Equal(0, printed.ExitCode);
        Assert.Contains("[crm_jobs].[Job]", printed.Out, StringComparison.Ordinal);
        Assert.Equal(SqlServerObjectsInstaller.GetInstallScript("crm_jobs", false).Trim(), printed.Out.Trim());
        var parser = new TSql150Parser(initialQuotedIdentifiers: true);
        var script = (TSqlScript)parser.Parse(new StringReader(printed.Out), out var errors);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
        Assert.NotEmpty(script.Batches.SelectMany(b => b.Statements));
        Assert.Equal(2, (await Support.Cli.RunAsync(folder.File("cli.db"), "jobs", "install-script", "--schema", "x;DROP")).ExitCode);
    }

    [Fact]
    public void On_sql_server_hangfire_uses_its_schema_and_prepares_it_unless_a_dba_does()
    {
        var options = JobStorages.SqlServerOptions(new JobsOptions());
        var byDba = JobStorages.SqlServerOptions(new JobsOptions { SqlServerSchema = "jobs", SqlServerPrepareSchema = false });

        Assert.Equal(("hangfire", true), (options.SchemaName, options.PrepareSchemaIfNecessary));
        Assert.Equal(("jobs", false), (byDba.SchemaName, byDba.PrepareSchemaIfNecessary));
        Assert.True(options.SlidingInvisibilityTimeout > TimeSpan.Zero, "a long job keeps its lease on SQL Server");
    }
}
