using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary><c>import projects FILE</c>, <c>export projects --out FILE</c> and <c>seed-bulk --projects N</c>.</summary>
public static class ProjectCommands
{
    public static async Task<int> ImportAsync(CliContext cli, string path)
    {
        var file = await cli.ReadTabularAsync(path);
        using var scope = cli.AuditedScope();
        var summary = await scope.ServiceProvider.GetRequiredService<ProjectImporter>().ImportAsync(file, null);
        if (!summary.Ok)
        {
            await cli.Error.WriteLineAsync(cli.L["Projects.Import.Failed", path, ProblemLog.Totals(summary.Problems).Problems]);
            foreach (var problem in summary.Problems)
            {
                await cli.Error.WriteLineAsync("  " + ImportProblemText.Format(cli.L, problem));
            }

            return CommandLine.BadInput;
        }

        await cli.Out.WriteLineAsync(cli.L["Projects.Import.Done", summary.Created, summary.Updated, summary.Unchanged]);
        return CommandLine.Ok;
    }

    public static async Task<int> ExportAsync(CliContext cli, string path)
    {
        var lookups = cli.Get<ProjectLookups>();
        var rows = await ProjectExport.RowsAsync(cli.Get<IDb>(), ProjectScope.Everything, new ProjectFilter(), lookups.Cutoffs(lookups.Today), CancellationToken.None);
        await using (var stream = File.Create(path))
        {
            ProjectExport.WriteCsv(stream, rows);
        }

        await cli.Out.WriteLineAsync(cli.L["Projects.Export.Done", rows.Count, path]);
        return CommandLine.Ok;
    }

    public static async Task<int> SeedBulkAsync(CliContext cli, int count)
    {
        using var scope = cli.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditLog>().SystemActor = "seed-bulk";
        var seeded = await scope.ServiceProvider.GetRequiredService<ProjectBulkSeeder>().SeedAsync(count);
        await cli.Out.WriteLineAsync(cli.L["Projects.SeedBulk.Done", seeded.Projects, seeded.Activities, seeded.StageChanges]);
        return CommandLine.Ok;
    }
}

/// <summary>An import problem as one line: where it is and why, in the user's language.</summary>
public static class ImportProblemText
{
    public static string Format(Microsoft.Extensions.Localization.IStringLocalizer l, ImportProblem problem)
    {
        var message = l[problem.Key, problem.Args].Value;
        var where = problem.Line == 0 ? l["Projects.Import.File"].Value : l["Projects.Import.Line", problem.Line].Value;
        return problem.Column is null ? $"{where}: {message}" : $"{where} [{problem.Column}]: {message}";
    }
}
