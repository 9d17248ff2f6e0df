using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>/land/import: upload yearly land-efficiency records (CSV or XLSX). Every row is checked first; with any
/// problem nothing is written and every problem is listed with its line. A valid file upserts by enterprise and
/// year, so uploading the same file again changes nothing.</summary>
public sealed class ImportModel(LandImporter importer, TimeProvider clock, IOptions<AppOptions> app, IOptions<ImportLimits> limits, IStringLocalizer<SharedResource> l)
    : ImportPageModel(limits, l)
{
    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public LandImportSummary? Summary { get; private set; }

    /// <summary>GET ?handler=template&amp;format=csv|xlsx: the header and <see cref="LandImport.TemplateExamples"/>,
    /// which the import refuses, so that an unchanged template changes nothing.</summary>
    public IActionResult OnGetTemplate(string? format) =>
        (IActionResult?)ImportTemplate.File("land", format, LandImport.Header, LandImport.NumericColumns,
            LandImport.TemplateExamples(app.Value.Today(clock)))
        ?? BadRequest();

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
