using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.SqlServer;
using InvestmentCrm.Web.Infrastructure.Jobs;
using InvestmentCrm.Web.Features.Reports;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Cli;

/// <summary>
/// <c>jobs install-script [--schema NAME]</c> prints the SQL Server script that creates or upgrades Hangfire's
/// schema, for a DBA who runs it instead of the app (with <c>Jobs:SqlServerPrepareSchema=false</c>).
/// <c>jobs benchmark [--trivial N] [--briefs N]</c> enqueues N no-op jobs and N briefs into this installation's job
/// storage and waits until a running node (the web app) has done them, printing enqueue-to-done times
/// (bench/jobs-benchmark.sh).
/// </summary>
public static class JobsCommands
{
    private const string Usage = "jobs install-script [--schema NAME] | jobs benchmark [--trivial N] [--briefs N] [--timeout SECONDS]";

    public static Task<int> RunAsync(CliContext cli, string[] args) => args switch
    {
        ["install-script"] => InstallScriptAsync(cli, cli.Get<IOptions<JobsOptions>>().Value.SqlServerSchema),
        ["install-script", "--schema", var schema] => InstallScriptAsync(cli, schema),
        ["benchmark", .. var rest] => BenchmarkAsync(cli, rest),
        _ => cli.FailAsync("Cli.Usage", Usage),
    };

    private static async Task<int> InstallScriptAsync(CliContext cli, string schema)
    {
        if (schema.Length == 0 || !schema.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return await cli.FailAsync("Jobs.Cli.BadSchema", schema);
        }

        await cli.Out.WriteLineAsync(SqlServerObjectsInstaller.GetInstallScript(schema, enableHeavyMigrations: false));
        return CommandLine.Ok;
    }

    private static async Task<int> BenchmarkAsync(CliContext cli, string[] args)
    {
        int trivial = 0, briefs = 0, timeout = 1800;
        for (var i = 0; i < args.Length; i++)
        {
            var ok = i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0;
            switch (ok ? args[i] : null)
            {
                case "--trivial": trivial = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--briefs": briefs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--timeout": timeout = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: return await cli.FailAsync("Cli.Usage", Usage);
            }
        }

        if (trivial + briefs == 0)
        {
            return await cli.FailAsync("Cli.Usage", Usage);
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(timeout));
        try
        {
            if (trivial > 0)
            {
                await ReportAsync(cli, "trivial", await TrivialAsync(cli, trivial, deadline.Token));
            }

            if (briefs > 0)
            {
                await ReportAsync(cli, "briefs", await BriefsAsync(cli, briefs, deadline.Token));
            }

            return CommandLine.Ok;
        }
        catch (OperationCanceledException)
        {
            return await cli.FailAsync("Jobs.Cli.BenchmarkTimeout", timeout);
        }
    }

    /// <summary>
    /// Enqueue-to-done of each job: from just before its Enqueue call here to the time its worker recorded it succeeded
    /// (the Succeeded state's SucceededAt). Waits on one cheap count instead of polling every job.
    /// </summary>
    private static async Task<Result> TrivialAsync(CliContext cli, int count, CancellationToken ct)
    {
        var client = cli.Get<IBackgroundJobClient>();
        var monitoring = cli.Get<JobStorage>().GetMonitoringApi();
        var before = monitoring.SucceededListCount() + monitoring.FailedCount();
        var watch = Stopwatch.StartNew();
        var jobs = new List<(string Id, DateTime EnqueuedAt)>(count);
        for (var i = 0; i < count; i++)
        {
            var at = DateTime.UtcNow;
            jobs.Add((client.Enqueue<BenchmarkJob>(job => job.RunAsync(CancellationToken.None)), at));
        }

        var enqueued = watch.Elapsed;
        while (monitoring.SucceededListCount() + monitoring.FailedCount() - before < count)
        {
            await Task.Delay(250, ct);
        }

        var total = watch.Elapsed;
        using var connection = cli.Get<JobStorage>().GetConnection();
        var times = jobs.Select(job => connection.GetStateData(job.Id) is { Name: "Succeeded" } state
                && state.Data.TryGetValue("SucceededAt", out var text) && JobHelper.DeserializeNullableDateTime(text) is { } done
            ? (done - job.EnqueuedAt).TotalMilliseconds
            : double.NaN).ToList();
        return new Result(count, enqueued, total, times);
    }

    /// <summary>Enqueue-to-done of each brief: from its request row to its stored document (the user's wait).</summary>
    private static async Task<Result> BriefsAsync(CliContext cli, int count, CancellationToken ct)
    {
        var db = cli.Get<IDb>();
        var codes = await db.QueryAsync<string>(Sql.ProjectCodes, ct: ct);
        if (codes.Count == 0)
        {
            throw new InvalidOperationException("No projects: run seed-demo first.");
        }

        var watch = Stopwatch.StartNew();
        var keys = new List<string>(count);
        await using (var scope = cli.Services.CreateAsyncScope())
        {
            var documents = scope.ServiceProvider.GetRequiredService<Documents>();
            for (var i = 0; i < count; i++)
            {
                keys.Add(await documents.RequestAsync(DocumentKinds.Brief, codes[i % codes.Count], CultureInfo.CurrentUICulture.Name, null, DocumentTriggers.Cli, ct));
            }
        }

        var enqueued = watch.Elapsed;
        var since = await db.ExecuteScalarAsync<DateTime>(Sql.FirstRequest, new { RequestKey = keys[0] }, ct);
        while (await db.ExecuteScalarAsync<long>(Sql.Finished, new { Since = since }, ct) < count)
        {
            await Task.Delay(500, ct);
        }

        var rows = await db.QueryAsync<Timing>(Sql.Timings, new { Since = since }, ct);
        return new Result(count, enqueued, watch.Elapsed, [.. rows.Select(r => r.GeneratedAtUtc is { } done ? (done - r.RequestedAtUtc).TotalMilliseconds : double.NaN)]);
    }

    private static async Task ReportAsync(CliContext cli, string what, Result result)
    {
        var done = result.Milliseconds.Where(ms => !double.IsNaN(ms)).Order().ToList();
        double At(double share) => done.Count == 0 ? 0 : done[(int)Math.Min(done.Count - 1, Math.Ceiling(done.Count * share) - 1)];
        await cli.Out.WriteLineAsync(cli.L["Jobs.Cli.Benchmark", what, result.Count, result.Count - done.Count, result.Enqueue.TotalSeconds,
            result.Total.TotalSeconds, done.Count / Math.Max(0.001, result.Total.TotalSeconds), At(0.5), At(0.95), done.Count == 0 ? 0 : done[^1]]);
    }

    private sealed record Result(int Count, TimeSpan Enqueue, TimeSpan Total, IReadOnlyList<double> Milliseconds);

    private sealed record Timing(DateTime RequestedAtUtc, DateTime? GeneratedAtUtc);

    internal static class Sql
    {
        public const string ProjectCodes = "SELECT Code FROM Projects ORDER BY Code";

        public const string FirstRequest = "SELECT RequestedAtUtc FROM DocumentRequests WHERE RequestKey = @RequestKey";

        public const string Finished = """
            SELECT COUNT(*) FROM DocumentRequests
            WHERE TriggeredBy = 'cli' AND RequestedAtUtc >= @Since AND Status = 'done'
            """;

        public const string Timings = """
            SELECT r.RequestedAtUtc, d.GeneratedAtUtc
            FROM DocumentRequests r
            LEFT JOIN Documents d ON d.RequestKey = r.RequestKey
            WHERE r.TriggeredBy = 'cli' AND r.RequestedAtUtc >= @Since
            """;
    }
}

/// <summary>The benchmark's no-op job: measures Hangfire's own enqueue-to-done cost.</summary>
public sealed class BenchmarkJob
{
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
