using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dapper;
using Hangfire.Storage.SQLite;
using InvestmentCrm.Web;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Reports;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Jobs;
using Microsoft.Data.Sqlite;

namespace InvestmentCrm.Tests.Infrastructure.Jobs;

/// <summary>
/// The app runs as a real process, a brief job starts, the process is killed (SIGKILL) mid-job; a new host on the
/// same database runs the job again once its invisibility timeout has passed, and the brief exists exactly once.
/// </summary>
public sealed class RestartRecoveryTests
{
    /// <summary>Longer than a brief takes here, short enough for a test: how long a killed job waits to run again.</summary>
    private const string InvisibilityTimeout = "00:00:30";

    [Fact]
    public async Task A_brief_job_killed_mid_run_runs_again_after_restart_and_stores_its_document_once()
    {
        SystemTools.Require("/usr/bin/chromium", "chromium");
        using var folder = new TempDirectory("crm-restart");
        var databasePath = folder.File("app.db");
        var connectionString = SqliteDialect.NormalizeConnectionString($"Data Source={databasePath}", folder.Path);
        Assert.Equal(0, (await Support.Cli.RunAsync(databasePath, "seed-demo")).ExitCode);
        await BriefSamples.InsertAsync(new Db(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString }));

        // Read from this process while the app runs: its Hangfire storage is the file beside the app database.
        using var hangfire = new SQLiteStorage(
            JobStorages.SqliteFile(new DatabaseOptions { ConnectionString = connectionString }, new JobsOptions(), folder.Path),
            new SQLiteStorageOptions());
        var port = FreePort();
        using var process = StartApp(databasePath, port, folder.Path);
        string key;
        try
        {
            using var browser = new TestBrowser(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            });
            await Wait.ForAsync(async () =>
            {
                try
                {
                    return (await browser.GetAsync("/health")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "the app process to start");
            await browser.LoginAsync("staff1@demo.local", InvestmentCrm.Web.Features.Demo.DemoSeeder.Password);
            var page = await browser.PageAsync($"/reports/projects/{BriefSamples.Code}");
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(page, "[data-testid=project-briefs] form", new Dictionary<string, string>())).StatusCode);

            key = (await ScalarAsync<string>(connectionString, "SELECT RequestKey FROM DocumentRequests WHERE Subject = @Code", new { Code = BriefSamples.Code }))!;
            await Wait.ForAsync(() => Task.FromResult(hangfire.GetMonitoringApi().ProcessingCount() == 1), "the brief job to start");

            // Hold the database so the job cannot store its brief, and kill the process while it is stuck mid-job.
            await using var locker = new SqliteConnection(connectionString);
            await locker.OpenAsync();
            await locker.ExecuteAsync("BEGIN EXCLUSIVE");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await locker.ExecuteAsync("ROLLBACK");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(0, await ScalarAsync<long>(connectionString, "SELECT COUNT(*) FROM Documents WHERE RequestKey = @Key", new { Key = key }));
        // The killed process left its job Processing: nothing else knows it died.
        var job = Assert.Single(hangfire.GetMonitoringApi().ProcessingJobs(0, 10)).Key;

        // Hangfire stamps its history with the real clock of the real processes here, so the wall clock is what to compare with.
        var restartedAt = DateTime.UtcNow;
        await using var restarted = new AppFactory();
        restarted.Settings["ConnectionStrings:Default"] = $"Data Source={databasePath}";
        restarted.Settings["Jobs:InvisibilityTimeout"] = InvisibilityTimeout;
        _ = restarted.Services;

        var details = await Wait.ForStateAsync(restarted.JobStorage, job, "Succeeded");
        Assert.Equal(1, await ScalarAsync<long>(connectionString, "SELECT COUNT(*) FROM Documents WHERE RequestKey = @Key", new { Key = key }));
        // The killed run, then a run after the restart (on a loaded machine a slow cold brief can even be fetched a
        // third time once it outlives the invisibility timeout: the effect stays single either way).
        Assert.Contains(details.History, h => h.StateName == "Processing" && h.CreatedAt < restartedAt);
        Assert.Contains(details.History, h => h.StateName == "Processing" && h.CreatedAt >= restartedAt);
        Assert.Equal(typeof(DocumentJob), details.Job.Type);
        Assert.Equal(key, details.Job.Args[0]);
    }

    private static async Task<T?> ScalarAsync<T>(string connectionString, string sql, object? args = null)
    {
        await using var connection = new SqliteConnection(connectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process StartApp(string databasePath, int port, string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ConnectionStrings__Default"] = $"Data Source={databasePath}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Jobs__InvisibilityTimeout"] = InvisibilityTimeout;
        start.Environment["Email__PickupDirectory"] = Path.Combine(folder, "mail");
        foreach (var recurring in AppJobs.Recurring)
        {
            start.Environment["Jobs__Schedules__" + recurring.Id] = Hangfire.Cron.Never();
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
