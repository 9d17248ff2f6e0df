using System.Security.Claims;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>/projects/import: upload a projects CSV or XLSX, the file <c>import projects FILE</c> reads. Every row is
/// checked first; with any bad row nothing is written and every problem is listed with its line. A valid file upserts
/// by project code through the same importer as the command line (stage history and audit included), so uploading
/// the same file again changes nothing.</summary>
public sealed class ImportModel(ProjectImporter importer, TimeProvider clock, IOptions<AppOptions> app, IOptions<ImportLimits> limits, IStringLocalizer<SharedResource> l)
    : TabularImportPageModel<ProjectImportSummary>(limits, l)
{
    /// <summary>DESIGN.md does not single out projects: whole files are for leaders and administrators, as for
    /// enterprises, chains and land records; staff enter projects one by one.</summary>
    public static bool CanImport(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Leader);

    /// <summary>GET ?handler=template&amp;format=csv|xlsx: the header and <see cref="ProjectImport.TemplateExamples"/>,
    /// which the import refuses, so that an unchanged template changes nothing.</summary>
    public IActionResult OnGetTemplate(string? format) =>
        (IActionResult?)ImportTemplate.File("projects", format, ProjectImport.Header, ProjectImport.NumericColumns,
            ProjectImport.TemplateExamples(app.Value.Today(clock)))
        ?? BadRequest();

    public Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct) =>
        ImportAsync(file, async read =>
        {
            var summary = await importer.ImportAsync(read, User.UserId(), ct);
            return (summary.Problems, (ProjectImportSummary?)summary);
        });
}
