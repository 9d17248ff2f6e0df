using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary><c>import enterprises FILE</c>, <c>export enterprises --out FILE</c> and <c>seed-bulk --enterprises N</c>,
/// all through the same <see cref="EnterpriseImporter"/> and export query as the pages.</summary>
public static class EnterpriseCommands
{
    public static async Task<int> ImportAsync(CliContext cli, string path)
    {
        using var scope = cli.AuditedScope();
        var importer = scope.ServiceProvider.GetRequiredService<EnterpriseImporter>();
        await using var stream = File.OpenRead(path);
        var (validation, summary) = await importer.ImportFileAsync(stream, path, new EnterpriseImportOptions(Source: "cli " + Path.GetFileName(path)));
        if (summary is null)
        {
            var (lines, count) = ProblemLog.Totals(validation.Problems);
            // "0 rows have problems" says nothing when the problem is the whole file's (unreadable, template examples only).
            await cli.Error.WriteLineAsync(lines == 0 ? cli.L["Import.Page.FileRefused", path] : cli.L["Enterprises.Import.Failed", path, lines, count]);
            foreach (var problem in validation.Problems)
            {
                var column = problem.Column is null ? "" : $" [{problem.Column}]";
                await cli.Error.WriteLineAsync($"  {EnterpriseText.Where(cli.L, problem)}{column}: {EnterpriseText.Message(cli.L, problem)}");
            }

            return CommandLine.BadInput;
        }

        await cli.Out.WriteLineAsync(cli.L["Enterprises.Import.Done", path, summary.Total, summary.Created, summary.Updated, summary.Unchanged]);
        foreach (var duplicate in summary.NearDuplicates)
        {
            await cli.Out.WriteLineAsync("  " + cli.L["Enterprises.Cli.NearDuplicate", duplicate.Line, duplicate.Name, duplicate.OtherName, duplicate.OtherUscc]);
        }

        return CommandLine.Ok;
    }

    /// <summary>CSV, or XLSX when the file name ends in .xlsx; the same header either way.</summary>
    public static async Task<int> ExportAsync(CliContext cli, string path)
    {
        var db = cli.Get<IDb>();
        var where = await EnterpriseList.WhereAsync(db, new EnterpriseFilter(), CancellationToken.None);
        var rows = await EnterpriseList.ExportRowsAsync(db, where, CancellationToken.None);
        await using (var file = File.Create(path))
        {
            if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                TabularFile.WriteXlsx(file, EnterpriseImport.Header, rows.Select(EnterpriseImport.ToCsvRow), EnterpriseImport.NumericColumns, "enterprises");
            }
            else
            {
                TabularFile.WriteCsv(file, EnterpriseImport.Header, rows.Select(EnterpriseImport.ToCsvRow));
            }
        }

        await cli.Out.WriteLineAsync(cli.L["Enterprises.Cli.Exported", rows.Count, path]);
        return CommandLine.Ok;
    }

    public static async Task<int> SeedBulkAsync(CliContext cli, int count)
    {
        using var scope = cli.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditLog>().SystemActor = "seed-bulk";
        var importer = scope.ServiceProvider.GetRequiredService<EnterpriseImporter>();
        var db = scope.ServiceProvider.GetRequiredService<IDb>();
        var nodes = await EnterpriseList.NodeOptionsAsync(db, CancellationToken.None);
        var taken = (await db.QueryAsync<string>(Sql.Usccs)).ToHashSet(StringComparer.Ordinal);
        var names = (await db.QueryAsync<string>(Sql.NameKeys)).ToHashSet(StringComparer.Ordinal);
        // Seeded by what is there already: the same commands on the same data give the same enterprises, so benchmark
        // databases built apart compare; a second run adds different ones.
        var random = new Random(SyntheticEnterprises.Seed + taken.Count);
        var rows = SyntheticEnterprises.Generate(count, [.. nodes.Select(n => new ChainNodeRef(n.ChainCode, n.Code))], taken, names, random);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var summary = await importer.ImportAsync(rows, new EnterpriseImportOptions(EnterpriseImportMode.CreateMissing, AuditEachRow: false, Source: "seed-bulk"));
        await cli.Out.WriteLineAsync(cli.L["Enterprises.Cli.Seeded", summary.Created, nodes.Select(n => n.ChainCode).Distinct().Count(), started.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)]);
        return CommandLine.Ok;
    }

    internal static class Sql
    {
        public const string Usccs = "SELECT Uscc FROM Enterprises";
        public const string NameKeys = "SELECT NameKey FROM Enterprises";
    }
}
