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
    : TabularImportPageModel<LandImportSummary>(limits, l)
{
    /// <summary>GET ?handler=template&amp;format=csv|xlsx: the header and <see cref="LandImport.TemplateExamples"/>,
    /// which the import refuses, so that an unchanged template changes nothing.</summary>
    public IActionResult OnGetTemplate(string? format) =>
        (IActionResult?)ImportTemplate.File("land", format, LandImport.Header, LandImport.NumericColumns,
            LandImport.TemplateExamples(app.Value.Today(clock)))
        ?? BadRequest();

    public Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct) =>
        ImportAsync(file, async read =>
        {
            var outcome = await importer.ImportAsync(read, ct);
            return (outcome.Problems, outcome.Summary);
        });
}
