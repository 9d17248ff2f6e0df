using System.Diagnostics;
using System.Globalization;
using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Web;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Pdf;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Reports;

/// <summary>
/// <c>report KIND CODE --out FILE [--culture zh-CN|en]</c> prints one document now and writes it to FILE; one handler
/// per kind (<c>brief</c>, <c>chain-gap</c>); <c>report dispatch --month YYYY-MM --out FILE</c> prints the bureau's
/// dispatch report of a month. <c>report briefs|chain-gaps --count N --out DIR</c> prints N briefs or
/// chain-gap reports (cycling through the projects or chains) with the shared page pool and reports the speed:
/// bench/pdf-benchmark.sh runs it.
/// A document is in the product's default language, Chinese, unless <c>--culture</c> says otherwise: it is made for
/// the bureau, not for whoever runs the command, so the shell's LANG (which only sets the language of the messages)
/// does not choose it.
/// </summary>
public static class ReportCommands
{
    internal static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["brief"] = DocumentKinds.Brief,
        ["chain-gap"] = DocumentKinds.ChainGap,
    };

    public static async Task<int> RunAsync(CliContext cli, string[] args)
    {
        if (!TryTakeCulture(ref args, out var culture))
        {
            return await cli.FailAsync("Reports.Cli.BadCulture", string.Join(", ", AppCultures.All));
        }

        if (args.Length > 0 && Batches.TryGetValue(args[0], out var batch))
        {
            return await BatchAsync(cli, batch, args[1..], culture);
        }

        if (args.Length == 1 && args[0] == "chain-gap-monthly")
        {
            return await MonthlyAsync(cli);
        }

        if (args.Length > 0 && args[0] == "dispatch")
        {
            return await DispatchAsync(cli, args[1..], culture);
        }

        var usage = $"report {string.Join('|', Kinds.Keys)} CODE --out FILE [--culture zh-CN|en] | {DispatchUsage} | {BatchUsage} | report chain-gap-monthly";
        if (args.Length != 4 || args[2] != "--out" || !Kinds.TryGetValue(args[0], out var kind))
        {
            return await cli.FailAsync("Cli.Usage", usage);
        }

        var path = Path.GetFullPath(args[3]);
        if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
        {
            return await cli.FailAsync("Cli.FolderNotFound", folder);
        }

        return await WriteAsync(cli, kind, args[1], path, culture);
    }

    private const string DispatchUsage = "report dispatch --month YYYY-MM --out FILE [--culture zh-CN|en]";

    /// <summary><c>report dispatch --month YYYY-MM --out FILE</c>: the bureau's dispatch report of the month. A month that
    /// is not one (or has not begun) is refused before anything is printed or written.</summary>
    private static async Task<int> DispatchAsync(CliContext cli, string[] args, string culture)
    {
        var options = args.Length == 4 && args[0] != args[2] ? new Dictionary<string, string> { [args[0]] = args[1], [args[2]] = args[3] } : [];
        if (!options.TryGetValue("--month", out var month) || !options.TryGetValue("--out", out var file))
        {
            return await cli.FailAsync("Cli.Usage", DispatchUsage);
        }

        var today = cli.Get<IOptions<AppOptions>>().Value.Today(cli.Get<TimeProvider>());
        if (!DispatchMonth.TryParse(month.Trim(), today, out var parsed))
        {
            return await cli.FailAsync("Dispatch.Error.BadMonth", month.Trim(), DispatchMonth.FirstYear, DispatchMonth.Before(today).NextFirst.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }

        var path = Path.GetFullPath(file);
        if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
        {
            return await cli.FailAsync("Cli.FolderNotFound", folder);
        }

        return await WriteAsync(cli, DocumentKinds.Dispatch, parsed.ToString(), path, culture);
    }

    /// <summary>Removes <c>--culture NAME</c> from <paramref name="args"/>; false when NAME is missing or not a
    /// language of the app. Without the option, the app's default language.</summary>
    private static bool TryTakeCulture(ref string[] args, out string culture)
    {
        culture = AppCultures.Chinese;
        var at = Array.IndexOf(args, "--culture");
        if (at < 0)
        {
            return true;
        }

        if (at + 1 >= args.Length || AppCultures.Match(args[at + 1]) is not { } chosen)
        {
            return false;
        }

        culture = chosen;
        args = [.. args[..at], .. args[(at + 2)..]];
        return true;
    }

    private static async Task<int> WriteAsync(CliContext cli, string kind, string subject, string path, string culture)
    {
        await using var scope = cli.Services.CreateAsyncScope();
        var documents = scope.ServiceProvider.GetRequiredService<Documents>();
        GeneratedPdf? pdf;
        try
        {
            pdf = await documents.GenerateAsync(kind, subject.Trim(), culture);
        }
        catch (PdfUnavailableException ex)
        {
            await cli.Error.WriteLineAsync(cli.L["Reports.Cli.Unavailable", ex.Message]);
            return CommandLine.Failed;
        }

        if (pdf is null)
        {
            return await cli.FailAsync(kind == DocumentKinds.ChainGap ? "ChainGap.Cli.NoSuchChain" : "Reports.Cli.NoSuchProject", subject);
        }

        await File.WriteAllBytesAsync(path, pdf.Content);
        await cli.Out.WriteLineAsync(cli.L["Reports.Cli.Written", path, Math.Max(1, pdf.Content.Length / 1024), pdf.RenderMs]);
        return CommandLine.Ok;
    }

    /// <summary><c>report chain-gap-monthly</c>: what the monthly job does (every chain, zh-CN and en, once per month).</summary>
    private static async Task<int> MonthlyAsync(CliContext cli)
    {
        await using var scope = cli.Services.CreateAsyncScope();
        var started = Stopwatch.GetTimestamp();
        int stored;
        try
        {
            stored = await scope.ServiceProvider.GetRequiredService<Features.Reports.ChainGap.ChainGapReports>().GenerateMonthlyAsync(CancellationToken.None);
        }
        catch (PdfUnavailableException ex)
        {
            await cli.Error.WriteLineAsync(cli.L["Reports.Cli.Unavailable", ex.Message]);
            return CommandLine.Failed;
        }

        var timings = await cli.Get<IDb>().QueryAsync<long>(Sql.ChainGapRenderTimes, new { Take = stored, Skip = 0 });
        // Newest first: the oldest of the run started the browser (cold); the median is of the warm ones.
        var sorted = (timings.Count > 1 ? timings.Take(timings.Count - 1) : timings).Order().ToList();
        var median = sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
        await cli.Out.WriteLineAsync(cli.L["ChainGap.Cli.Monthly", stored, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, median]);
        return CommandLine.Ok;
    }

    /// <summary>A batch of one kind: the statement listing its subjects, the message when there are none, the result line.</summary>
    private sealed record Batch(string Kind, string Subjects, string NoneKey, string ResultKey);

    private static readonly Dictionary<string, Batch> Batches = new(StringComparer.Ordinal)
    {
        ["briefs"] = new(DocumentKinds.Brief, Sql.ProjectCodes, "Reports.Cli.NoProjects", "Reports.Cli.Batch"),
        // Each report records a gap snapshot, as the monthly job's do: the batch measures that write too.
        ["chain-gaps"] = new(DocumentKinds.ChainGap, Sql.ChainCodes, "ChainGap.Cli.NoChains", "ChainGap.Cli.Batch"),
    };

    private const string BatchUsage = "report briefs|chain-gaps [--count N] --out DIR [--culture zh-CN|en]";

    /// <summary><c>report briefs|chain-gaps --count N --out DIR</c>: N documents of the stored projects or chains,
    /// cycling through them, one cold and the rest on the warm page pool, with the speed (bench/pdf-benchmark.sh).</summary>
    private static async Task<int> BatchAsync(CliContext cli, Batch batch, string[] args, string culture)
    {
        const string usage = BatchUsage;
        var count = 200;
        string? folder = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--count" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0)
            {
                i++;
            }
            else if (args[i] == "--out" && i + 1 < args.Length)
            {
                folder = Path.GetFullPath(args[++i]);
            }
            else
            {
                return await cli.FailAsync("Cli.Usage", usage);
            }
        }

        if (folder is null)
        {
            return await cli.FailAsync("Cli.Usage", usage);
        }

        var codes = await cli.Get<IDb>().QueryAsync<string>(batch.Subjects);
        if (codes.Count == 0)
        {
            return await cli.FailAsync(batch.NoneKey);
        }

        Directory.CreateDirectory(folder);
        async Task<long> RenderOne(int index)
        {
            await using var scope = cli.Services.CreateAsyncScope();
            var code = codes[index % codes.Count];
            var started = Stopwatch.GetTimestamp();
            var pdf = await scope.ServiceProvider.GetRequiredService<Documents>().GenerateAsync(batch.Kind, code, culture)
                ?? throw new InvalidOperationException($"{code} disappeared.");
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{index + 1:D4}-{pdf.FileName}"), pdf.Content);
            return (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        try
        {
            // The first brief starts Chromium (cold); the rest run on the warm page pool, as many at once as it has pages.
            var first = await RenderOne(0);
            var timings = new long[count - 1];
            var clock = Stopwatch.StartNew();
            var parallelism = Math.Max(1, cli.Get<IOptions<PdfOptions>>().Value.Pages);
            await Parallel.ForEachAsync(Enumerable.Range(1, count - 1), new ParallelOptions { MaxDegreeOfParallelism = parallelism },
                async (index, _) => timings[index - 1] = await RenderOne(index));
            clock.Stop();
            Array.Sort(timings);
            var median = timings.Length == 0 ? first : timings[timings.Length / 2];
            var p95 = timings.Length == 0 ? first : timings[(int)Math.Min(timings.Length - 1, Math.Ceiling(timings.Length * 0.95) - 1)];
            var seconds = Math.Max(0.001, clock.Elapsed.TotalSeconds);
            await cli.Out.WriteLineAsync(cli.L[batch.ResultKey, count, seconds, (count - 1) / seconds, first, median, p95]);
            return CommandLine.Ok;
        }
        catch (PdfUnavailableException ex)
        {
            await cli.Error.WriteLineAsync(cli.L["Reports.Cli.Unavailable", ex.Message]);
            return CommandLine.Failed;
        }
    }

    internal static class Sql
    {
        public const string ProjectCodes = "SELECT Code FROM Projects ORDER BY Code";

        public const string ChainCodes = "SELECT Code FROM Chains ORDER BY Code";

        public const string ChainGapRenderTimes = """
            SELECT RenderMs FROM Documents
            WHERE Kind = 'chain_gap' AND RenderMs IS NOT NULL
            ORDER BY GeneratedAtUtc DESC, Id DESC
            /**paging**/
            """;
    }
}
