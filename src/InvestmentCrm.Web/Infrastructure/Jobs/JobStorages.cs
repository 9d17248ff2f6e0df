using Hangfire;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// Hangfire's storage follows <c>Database:Provider</c>.
/// <list type="bullet">
/// <item>SQLite: Hangfire.Storage.SQLite in its own file beside the application's database. Its tables have fixed,
/// unprefixed names (Job, Set, List, Hash, State…) and it silently adds columns to an existing table of the same
/// name, so it must not share a file with the app; a file of its own also has its own write lock, so the app's
/// writes never wait behind Hangfire's polling. One node only: two processes on one file can fetch a job twice.</item>
/// <item>SQL Server: Hangfire.SqlServer in schema <c>Jobs:SqlServerSchema</c> of the application database, created
/// at start-up unless <c>Jobs:SqlServerPrepareSchema</c> is false (then a DBA runs <c>jobs install-script</c>).</item>
/// </list>
/// </summary>
public static class JobStorages
{
    public static JobStorage Create(IServiceProvider services)
    {
        var database = services.GetRequiredService<DatabaseOptions>();
        var jobs = services.GetRequiredService<IOptions<JobsOptions>>().Value;
        if (database.Provider == DatabaseProvider.SqlServer)
        {
            var connectionString = database.ConnectionString;
            return new SqlServerStorage(() => new SqlConnection(connectionString), SqlServerOptions(jobs));
        }

        var file = SqliteFile(database, jobs, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return new SQLiteStorage(file, SqliteOptions(jobs));
    }

    public static SQLiteStorageOptions SqliteOptions(JobsOptions jobs) => new()
    {
        // The default 15 s makes a "generate" button feel slow; an idle poll is one indexed query on a small file.
        QueuePollInterval = jobs.QueuePollInterval,
        InvisibilityTimeout = jobs.InvisibilityTimeout,
    };

    /// <summary>Hangfire 1.8's recommended settings for schema version 9.</summary>
    public static SqlServerStorageOptions SqlServerOptions(JobsOptions jobs) => new()
    {
        SchemaName = jobs.SqlServerSchema,
        PrepareSchemaIfNecessary = jobs.SqlServerPrepareSchema,
        EnableHeavyMigrations = false,
        CommandBatchMaxTimeout = TimeSpan.FromMinutes(5),
        // A running job keeps its lease alive, so a long job is never fetched twice; a dead node's job returns after this.
        SlidingInvisibilityTimeout = TimeSpan.FromMinutes(5),
        QueuePollInterval = TimeSpan.Zero,
        UseRecommendedIsolationLevel = true,
        DisableGlobalLocks = true,
    };

    /// <summary>The SQLite file Hangfire uses: <c>Jobs:SqliteFile</c>, or the app's database name with .hangfire.db.</summary>
    public static string SqliteFile(DatabaseOptions database, JobsOptions jobs, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(jobs.SqliteFile))
        {
            return Path.GetFullPath(Path.Combine(contentRoot, jobs.SqliteFile));
        }

        var appFile = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(appFile) || appFile == ":memory:")
        {
            throw new InvalidOperationException("The application database is in memory: set Jobs:SqliteFile to a file for Hangfire's storage.");
        }

        var full = Path.GetFullPath(Path.Combine(contentRoot, appFile));
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + ".hangfire.db");
    }
}
