using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dapper;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Infrastructure.Jobs;

/// <summary>
/// The app runs as a real process, a brief job starts, the process is killed (SIGKILL) mid-job; a new host on the
/// same database re-runs the job and the brief exists exactly once.
/// </summary>
public sealed class RestartRecoveryTests
{
    [Fact]
    public async Task A_brief_job_killed_mid_run_runs_again_after_restart_and_stores_its_document_once()
    {
        SystemTools.Require("/usr/bin/chromium", "chromium");
        using var folder = new TempDirectory("crm-restart");
        var databasePath = folder.File("app.db");
        var connectionString = SqliteDialect.NormalizeConnectionString($"Data Source={databasePath}", folder.Path);
        Assert.Equal(0, (await Support.Cli.RunAsync(databasePath, "seed-demo")).ExitCode);
        await BriefSamples.InsertAsync(new Db(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString }));

        var port = FreePort();
        using var process = StartApp(databasePath, port);
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
            }, "the app process to start", 90);
            await browser.LoginAsync("staff1@demo.local", InvestmentCrm.Web.Features.Demo.DemoSeeder.Password);
            var page = await browser.PageAsync($"/reports/projects/{BriefSamples.Code}");
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(page, "[data-testid=project-briefs] form", new Dictionary<string, string>())).StatusCode);

            key = await Wait.ForAsync(() => ScalarAsync<string>(connectionString,
                "SELECT RequestKey FROM JobRuns WHERE JobName = 'document' AND Status = 'running'"), "the brief job to start");

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
        Assert.Equal(1, await ScalarAsync<long>(connectionString, "SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS WHERE REQUESTS_RECOVERY = 1"));

        await using var restarted = new AppFactory();
        restarted.Settings["ConnectionStrings:Default"] = $"Data Source={databasePath}";
        _ = restarted.Services;

        await Wait.ForAsync(async () => await ScalarAsync<long>(connectionString, "SELECT COUNT(*) FROM Documents WHERE RequestKey = @Key", new { Key = key }) == 1,
            "the recovered job to store the brief");
        await Task.Delay(2000);
        Assert.Equal(1, await ScalarAsync<long>(connectionString, "SELECT COUNT(*) FROM Documents WHERE RequestKey = @Key", new { Key = key }));
        await using var connection = new SqliteConnection(connectionString);
        var runs = (await connection.QueryAsync<(string Status, string TriggeredBy)>(
            "SELECT Status, TriggeredBy FROM JobRuns WHERE RequestKey = @Key ORDER BY Id", new { Key = key })).ToList();
        Assert.Equal([("interrupted", "user"), ("succeeded", "recovery")], runs);
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

    private static Process StartApp(string databasePath, int port)
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
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
