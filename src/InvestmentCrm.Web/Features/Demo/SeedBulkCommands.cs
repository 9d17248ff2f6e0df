using System.Globalization;

using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Features.Land;
using InvestmentCrm.Web.Features.Projects;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// <c>seed-bulk --enterprises N --projects N</c>: synthetic but plausible data for benchmarks, mapped to the demo
/// chains. Options run in the order listed here (projects need enterprises), whatever order they are given in.
/// </summary>
public static class SeedBulkCommands
{
    internal static readonly Dictionary<string, Func<CliContext, int, Task<int>>> Options = new(StringComparer.Ordinal)
    {
        ["--chain-nodes"] = GapBulkSeed.ChainNodesAsync, // first: the enterprises and projects options map to BULK too
        ["--enterprises"] = EnterpriseCommands.SeedBulkAsync,
        ["--contacts"] = ContactBulkSeed.ContactsAsync, // after --enterprises: spread over the enterprises there
        ["--projects"] = ProjectCommands.SeedBulkAsync, // after --enterprises: projects need enterprises
        ["--land"] = LandCommands.SeedBulkAsync, // keep after --enterprises: years of records for every local enterprise
        ["--chain-enterprises"] = GapBulkSeed.EnterprisesAsync,
        ["--chain-projects"] = GapBulkSeed.ProjectsAsync, // after the enterprises: its projects belong to them
        ["--funds"] = DispatchBulkSeed.FundsAsync, // after the projects: ledger entries of signed projects
        ["--matters"] = DispatchBulkSeed.MattersAsync, // after the projects: matters of active ones
    };

    public const int MaxCount = 1_000_000;

    public static async Task<int> RunAsync(CliContext cli, string[] args)
    {
        var usage = $"seed-bulk {string.Join(' ', Options.Keys.Select(o => $"[{o} N]"))}";
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!Options.ContainsKey(args[i]) || i + 1 >= args.Length || counts.ContainsKey(args[i])
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxCount)
            {
                return await cli.FailAsync("Cli.Usage", usage);
            }

            counts[args[i]] = n;
        }

        if (counts.Count == 0)
        {
            return await cli.FailAsync("Cli.Usage", usage);
        }

        foreach (var (option, seed) in Options)
        {
            if (counts.TryGetValue(option, out var n))
            {
                var code = await seed(cli, n);
                if (code != CommandLine.Ok)
                {
                    return code;
                }
            }
        }

        return CommandLine.Ok;
    }
}
