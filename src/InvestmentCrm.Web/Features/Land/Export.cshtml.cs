using System.Globalization;
using InvestmentCrm.Web.Infrastructure.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>GET /land/export?year=YYYY: the graded list of a year as CSV (UTF-8 with BOM for Excel), best first,
/// indicators unrounded to 4 decimals, column names in English like the import formats.</summary>
public sealed class ExportModel(LandQueries queries) : PageModel
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "rank", "grade", "score", "uscc", "name", "park", "land_mu", "tax_per_mu", "output_per_mu", "investment_per_mu",
        "labour_productivity", "rd_intensity", "output_per_tce",
    ];

    public async Task<IActionResult> OnGetAsync(int? year, CancellationToken ct)
    {
        if (year is not { } y)
        {
            return BadRequest();
        }

        var graded = await queries.GradeAsync(y, ct);
        if (graded.IsEmpty)
        {
            return NotFound();
        }

        var rows = graded.Rows.Select(r => (IReadOnlyList<string?>)
        [
            r.Graded.Rank.ToString(CultureInfo.InvariantCulture),
            r.Graded.Grade.ToString(),
            r.Graded.Score.ToString("0.000", CultureInfo.InvariantCulture),
            r.Uscc,
            r.Name,
            r.ParkName,
            Format(r.Graded.Figures.LandMu),
            Format(r.Graded.Indicators.TaxPerMu),
            Format(r.Graded.Indicators.OutputPerMu),
            Format(r.Graded.Indicators.InvestmentPerMu),
            Format(r.Graded.Indicators.LabourProductivity),
            Format(r.Graded.Indicators.RdIntensity),
            Format(r.Graded.Indicators.OutputPerTce),
        ]);
        using var stream = new MemoryStream();
        TabularFile.WriteCsv(stream, Header, rows);
        return File(stream.ToArray(), "text/csv; charset=utf-8", $"land-grades-{y}.csv");
    }

    private static string? Format(decimal? value) =>
        value is { } v ? TabularFile.FormatDecimal(Math.Round(v, 4, MidpointRounding.AwayFromZero)) : null;
}
