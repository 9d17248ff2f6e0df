using Microsoft.Extensions.Options;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Domain.Land;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Web.Features.Land;

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
        var file = await cli.ReadTabularAsync(path);
        using var scope = cli.AuditedScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<LandImporter>().ImportAsync(file);
        if (!outcome.Ok)
        {
            var (lines, count) = ProblemLog.Totals(outcome.Problems);
            await cli.Error.WriteLineAsync(cli.L["Land.Import.Failed", path, lines, count]);
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

    /// <summary><c>seed-bulk --land N</c>: N years of synthetic records (ending last year) for every local enterprise
    /// that has none for that year; figures scale with the enterprise's revenue where known. Deterministic per enterprise.</summary>
    public static async Task<int> SeedBulkAsync(CliContext cli, int years)
    {
        if (years > 50)
        {
            return await cli.FailAsync("Cli.Usage", "seed-bulk --land YEARS (1-50)");
        }

        var db = cli.Get<Infrastructure.Data.IDb>();
        var enterprises = await db.QueryAsync<(long Id, decimal? Revenue)>(Sql.Locals);
        var last = DateTime.UtcNow.Year - 1;
        var now = DateTime.UtcNow;
        var created = await db.InTransactionAsync(async session =>
        {
            var count = 0;
            foreach (var (id, revenue) in enterprises)
            {
                var random = new Random(unchecked((int)id));
                var land = 10 + random.Next(0, 400);
                var output = revenue is > 0 ? revenue.Value : land * (200 + random.Next(0, 1800));
                for (var year = last - years + 1; year <= last; year++)
                {
                    var growth = 1 + ((decimal)random.Next(-10, 20) / 100) * (year - last + years);
                    var yearOutput = Math.Round(output * growth, 2);
                    count += await session.ExecuteAsync(Sql.InsertIfMissing, new
                    {
                        EnterpriseId = id,
                        Year = year,
                        LandMu = (decimal)land,
                        OutputWan = yearOutput,
                        TaxWan = Math.Round(yearOutput * (decimal)(0.01 + (random.NextDouble() * 0.07)), 2),
                        InvestmentWan = Math.Round((decimal)land * random.Next(100, 800), 2),
                        Employees = (int?)(random.Next(0, 10) == 0 ? null : 20 + random.Next(0, 2000)),
                        RdWan = (decimal?)(random.Next(0, 8) == 0 ? null : Math.Round(yearOutput * (decimal)(random.NextDouble() * 0.06), 2)),
                        EnergyTce = (decimal?)(random.Next(0, 5) == 0 ? null : Math.Round(yearOutput / random.Next(5, 60), 2)),
                        Now = now,
                    });
                }
            }

            return count;
        });
        await cli.Out.WriteLineAsync(cli.L["Land.SeedBulk.Done", created, enterprises.Count, years]);
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

    internal static class Sql
    {
        public const string Locals = "SELECT Id, AnnualRevenueWan AS Revenue FROM Enterprises WHERE Kind = 'local' ORDER BY Id";

        public const string InsertIfMissing = """
            INSERT INTO LandRecords (EnterpriseId, Year, LandMu, OutputWan, TaxWan, InvestmentWan, Employees, RdWan, EnergyTce, CreatedAtUtc, UpdatedAtUtc)
            SELECT @EnterpriseId, @Year, @LandMu, @OutputWan, @TaxWan, @InvestmentWan, @Employees, @RdWan, @EnergyTce, @Now, @Now
            WHERE NOT EXISTS (SELECT 1 FROM LandRecords WHERE EnterpriseId = @EnterpriseId AND Year = @Year)
            """;
    }
}
