using System.Globalization;
using System.Text;
using InvestmentCrm.Web.Cli;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary><c>gaps CODE [--json]</c>: the chain's gap analysis as a text table, or as the JSON of docs/en/import-formats.md ("Gap analysis result").</summary>
public static class GapsCommands
{
    public static async Task<int> RunAsync(CliContext cli, string[] args)
    {
        var json = args.Contains("--json", StringComparer.Ordinal);
        var rest = args.Where(a => a != "--json").ToList();
        if (rest.Count != 1 || rest[0].StartsWith('-'))
        {
            return await cli.FailAsync("Cli.Usage", "gaps CODE [--json]");
        }

        using var scope = cli.Services.CreateScope();
        var chain = await scope.ServiceProvider.GetRequiredService<GapAnalyser>().AnalyseAsync(rest[0], listProjectsFor: null, CancellationToken.None);
        if (chain is null)
        {
            return await cli.FailAsync("Gaps.Cli.UnknownChain", rest[0]);
        }

        await cli.Out.WriteLineAsync(json ? GapText.Json(cli.L, chain) : Table(cli, chain));
        return CommandLine.Ok;
    }

    private static string Table(CliContext cli, Domain.Gaps.ChainGaps chain)
    {
        var l = cli.L;
        var rows = new List<string[]>
        {
            new[]
            {
                l["Gaps.Rank"].Value, l["Gaps.Code"].Value, l["Gaps.Node"].Value, l["Gaps.StatusLabel"].Value, l["Gaps.Score"].Value,
                l["Gaps.LocalCount"].Value, l["Gaps.LocalOutput"].Value, l["Gaps.Demand"].Value, l["Gaps.Supply"].Value, l["Gaps.Coverage"].Value,
            },
        };
        rows.AddRange(GapText.InReportOrder(chain).Select(n => new[]
        {
            n.Rank?.ToString(CultureInfo.CurrentCulture) ?? "-",
            n.Code,
            GapText.Name(n),
            GapText.Status(l, n.Status),
            GapText.Score(n.Score),
            n.LocalCount.ToString("N0", CultureInfo.CurrentCulture),
            GapText.Money(n.LocalOutputWan),
            GapText.Money(n.DemandWan),
            GapText.Money(n.SupplyWan),
            GapText.Percent(n.PipelineCoverage),
        }));

        // Columns padded by display width: a Chinese character takes two cells of a terminal.
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => Width(r[c]))).ToArray();
        var text = new StringBuilder();
        text.AppendLine(l["Gaps.Cli.Title", GapText.Name(chain), chain.Code, chain.Nodes.Count(n => n.IsGap)]);
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                var pad = new string(' ', widths[c] - Width(row[c]));
                text.Append(c is 0 or >= 4 ? pad + row[c] : row[c] + pad);
                text.Append(c == row.Length - 1 ? "" : "  ");
            }

            text.AppendLine();
        }

        return text.ToString().TrimEnd();
    }

    private static int Width(string text) => text.Sum(c => c >= '\u1100' && (c <= '\u115F' || c >= '\u2E80') && c <= '\uFFE6' ? 2 : 1);
}
