using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using InvestmentCrm.Web.Domain.Land;
using InvestmentCrm.Web.Import;
using InvestmentCrm.Web.Infrastructure;
using InvestmentCrm.Web.Pages.Land;

namespace InvestmentCrm.Web.Cli;

/// <summary><c>import land FILE</c> and <c>grade --year YYYY [--json]</c>.</summary>
public static class LandCommands
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static async Task<int> ImportAsync(CliContext cli, string path)
    {
        TabularReadResult file;
        await using (var stream = File.OpenRead(path))
        {
            file = TabularFile.Read(stream, path);
        }

        using var scope = cli.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditLog>().SystemActor = "cli";
        var outcome = await scope.ServiceProvider.GetRequiredService<LandImporter>().ImportAsync(file);
        if (!outcome.Ok)
        {
            await cli.Error.WriteLineAsync(cli.L["Land.Import.Failed", path, outcome.Problems.Count]);
            foreach (var problem in outcome.Problems)
            {
                await cli.Error.WriteLineAsync("  " + LandText.Problem(cli.L, problem));
            }

            return CommandLine.BadInput;
        }

        var summary = outcome.Summary!;
        await cli.Out.WriteLineAsync(cli.L["Land.Import.Done", summary.Created, summary.Updated, summary.Unchanged]);
        return CommandLine.Ok;
    }

    public static async Task<int> GradeAsync(CliContext cli, string[] args)
    {
        const string usage = "grade --year YYYY [--json]";
        var json = args.Contains("--json", StringComparer.Ordinal);
        var rest = args.Where(a => a != "--json").ToArray();
        if (rest.Length != 2 || rest[0] != "--year")
        {
            return await cli.FailAsync("Cli.Usage", usage);
        }

        if (!int.TryParse(rest[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < LandImport.FirstYear or > 9999)
        {
            return await cli.FailAsync("Land.Grade.BadYear", rest[1]);
        }

        var queries = cli.Get<LandQueries>();
        var graded = await queries.GradeAsync(year);
        if (graded.IsEmpty)
        {
            var years = await queries.YearsAsync();
            return years.Count == 0
                ? await cli.FailAsync("Land.Grade.NoRecords", year)
                : await cli.FailAsync("Land.Grade.NoRecordsForYear", year, string.Join(", ", years));
        }

        if (json)
        {
            await cli.Out.WriteLineAsync(JsonSerializer.Serialize(ToJson(graded), Json));
            return CommandLine.Ok;
        }

        await cli.Out.WriteLineAsync(cli.L["Land.Grade.Heading", year, graded.Rows.Count]);
        foreach (var row in graded.Rows)
        {
            var g = row.Graded;
            await cli.Out.WriteLineAsync(string.Join('\t',
                g.Rank.ToString(CultureInfo.InvariantCulture),
                g.Grade.ToString(),
                g.Score.ToString("0.000", CultureInfo.InvariantCulture),
                row.Uscc,
                row.Name,
                cli.L["Land.Grade.Line", LandText.Number(g.Indicators.TaxPerMu), LandText.Number(g.Indicators.OutputPerMu)]));
        }

        return CommandLine.Ok;
    }

    /// <summary>The graded list as the <c>grade --json</c> verb (and the JSON export) writes it.</summary>
    public static object ToJson(LandYear graded)
    {
        var s = graded.Result.Settings;
        return new
        {
            year = graded.Year,
            settings = new
            {
                weights = new { tax = s.WeightTax, output = s.WeightOutput, labourProductivity = s.WeightLabour, rdIntensity = s.WeightRd, outputPerTce = s.WeightEnergy },
                ratioCap = s.RatioCap,
                shares = new { A = s.ShareA, B = s.ShareB, C = s.ShareC, D = s.ShareD },
            },
            medians = graded.Result.Medians.ToDictionary(m => JsonName(m.Key), m => Round(m.Value)),
            enterprises = graded.Rows.Select(row => new
            {
                rank = row.Graded.Rank,
                grade = row.Graded.Grade.ToString(),
                score = row.Graded.Score,
                name = row.Name,
                uscc = row.Uscc,
                park = row.ParkName,
                landMu = row.Graded.Figures.LandMu,
                indicators = new
                {
                    taxPerMu = Round(row.Graded.Indicators.TaxPerMu),
                    outputPerMu = Round(row.Graded.Indicators.OutputPerMu),
                    investmentPerMu = Round(row.Graded.Indicators.InvestmentPerMu),
                    labourProductivity = Round(row.Graded.Indicators.LabourProductivity),
                    rdIntensity = Round(row.Graded.Indicators.RdIntensity),
                    outputPerTce = Round(row.Graded.Indicators.OutputPerTce),
                },
            }).ToList(),
        };
    }

    private static string JsonName(LandIndicator indicator) => indicator switch
    {
        LandIndicator.Tax => "taxPerMu",
        LandIndicator.Output => "outputPerMu",
        LandIndicator.Labour => "labourProductivity",
        LandIndicator.Rd => "rdIntensity",
        _ => "outputPerTce",
    };

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero) : null;
}
