using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Funds;

/// <summary>/funds/import: upload funds-in-place entries (CSV or XLSX). Whole files are for Leaders and Admins, as every
/// upload page (<see cref="ImportPageModel"/>); Staff record entries one by one on their projects. Every row is checked
/// first; with any problem nothing is written and every problem is listed with its line. Rows may only name projects
/// whose funds the importer may manage (the importer checks it for any caller). A valid file upserts by project, day
/// and kind, so uploading the same file (or an export) again changes nothing.</summary>
public sealed class ImportModel(FundsImporter importer, TimeProvider clock, IOptions<AppOptions> app, IOptions<ImportLimits> limits, IStringLocalizer<SharedResource> l)
    : TabularImportPageModel<FundsImportSummary>(limits, l)
{
    /// <summary>GET ?handler=template&amp;format=csv|xlsx: the header and <see cref="FundsImport.TemplateExamples"/>,
    /// which the import refuses, so that an unchanged template changes nothing.</summary>
    public IActionResult OnGetTemplate(string? format) =>
        (IActionResult?)ImportTemplate.File("funds", format, FundsImport.Header, FundsImport.NumericColumns,
            FundsImport.TemplateExamples(app.Value.Today(clock)))
        ?? BadRequest();

    public Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct) =>
        ImportAsync(file, async read =>
        {
            var summary = await importer.ImportAsync(read, ProjectScope.For(User), ct);
            return (summary.Problems, (FundsImportSummary?)summary);
        });
}
