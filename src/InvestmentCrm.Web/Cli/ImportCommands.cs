using InvestmentCrm.Web.Features.Chains;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Features.Land;
using InvestmentCrm.Web.Features.Projects;

namespace InvestmentCrm.Web.Cli;

/// <summary>
/// <c>import chain|enterprises|projects|land FILE</c>: one verb, one handler per kind of file. Every handler validates
/// the whole file first and writes nothing if any row is bad (reasons with line numbers on stderr).
/// </summary>
public static class ImportCommands
{
    internal static readonly Dictionary<string, Func<CliContext, string, Task<int>>> Kinds = new(StringComparer.Ordinal)
    {
        ["chain"] = ChainCommands.ImportAsync,
        ["land"] = LandCommands.ImportAsync,
        ["enterprises"] = EnterpriseCommands.ImportAsync,
        ["projects"] = ProjectCommands.ImportAsync,
    };

    public static async Task<int> RunAsync(CliContext cli, string[] args)
    {
        var usage = $"import {string.Join('|', Kinds.Keys)} FILE";
        if (args.Length != 2 || !Kinds.TryGetValue(args[0], out var import))
        {
            return await cli.FailAsync("Cli.Usage", usage);
        }

        if (!File.Exists(args[1]))
        {
            return await cli.FailAsync("Cli.FileNotFound", args[1]);
        }

        return await import(cli, Path.GetFullPath(args[1]));
    }
}
