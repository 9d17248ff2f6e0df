using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>/land/import: upload yearly land-efficiency records (CSV or XLSX). Every row is checked first; with any
/// problem nothing is written and every problem is listed with its line. A valid file upserts by enterprise and
/// year, so uploading the same file again changes nothing.</summary>
public sealed class ImportModel(LandImporter importer, TimeProvider clock, IOptions<ImportLimits> limits, IStringLocalizer<SharedResource> l)
    : ImportPageModel(limits, l)
{
    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public LandImportSummary? Summary { get; private set; }

    /// <summary>GET ?handler=template&amp;format=csv|xlsx: the header plus last year's records of two demo local
    /// enterprises, so that the unchanged file imports on the demo data.</summary>
    public IActionResult OnGetTemplate(string? format) =>
        (IActionResult?)ImportTemplate.File("land", format, LandImport.Header, LandImport.NumericColumns, Examples(clock.GetUtcNow().Year - 1))
        ?? BadRequest();

    private static IReadOnlyDictionary<string, string>[] Examples(int year) =>
    [
        new Dictionary<string, string>
        {
            ["uscc"] = "91331002MA20301K2K",
            ["year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["land_mu"] = "552",
            ["output_wan"] = "380000",
            ["tax_wan"] = "14548",
            ["investment_wan"] = "97207",
            ["employees"] = "4200",
            ["rd_wan"] = "10577",
            ["energy_tce"] = "4512",
        },
        new Dictionary<string, string>
        {
            ["uscc"] = "91331002MA27E02K70",
            ["year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["land_mu"] = "183.5",
            ["output_wan"] = "150000",
            ["tax_wan"] = "4100",
        },
    ];

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (!Accept(file, ".csv", ".xlsx"))
        {
            return Page();
        }

        var outcome = await importer.ImportAsync(Read(file), ct);
        if (outcome.Ok)
        {
            Summary = outcome.Summary;
        }
        else
        {
            Problems = outcome.Problems;
        }

        return Page();
    }
}
