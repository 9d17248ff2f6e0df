using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Features.Projects;

namespace InvestmentCrm.Web.Cli;

/// <summary>
/// <c>export enterprises|projects --out FILE</c>: writes the same CSV format the import reads (docs/en/import-formats.md), so an
/// export imported into an empty database gives the same data. One handler per kind.
/// </summary>
public static class ExportCommands
{
    internal static readonly Dictionary<string, Func<CliContext, string, Task<int>>> Kinds = new(StringComparer.Ordinal)
    {
        ["enterprises"] = EnterpriseCommands.ExportAsync,
        ["projects"] = ProjectCommands.ExportAsync,
    };

    public static async Task<int> RunAsync(CliContext cli, string[] args)
    {
        var usage = $"export {string.Join('|', Kinds.Keys)} --out FILE";
        if (args.Length != 3 || args[1] != "--out" || !Kinds.TryGetValue(args[0], out var export))
        {
            return await cli.FailAsync("Cli.Usage", usage);
        }

        var path = Path.GetFullPath(args[2]);
        if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
        {
            return await cli.FailAsync("Cli.FolderNotFound", folder);
        }

        return await export(cli, path);
    }
}
