using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>/enterprises/import: upload an enterprises CSV or XLSX. Every row is checked first; with any bad row nothing is
/// written and every bad row is listed with its line. Uploading the same file again changes nothing (upsert by USCC).</summary>
public sealed class ImportModel(EnterpriseImporter importer, IOptions<ImportLimits> limits, IStringLocalizer<SharedResource> l)
    : ImportPageModel(limits, l)
{
    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public EnterpriseImportSummary? Summary { get; private set; }

    /// <summary>GET ?handler=template&amp;format=csv|xlsx: the header and <see cref="EnterpriseImport.TemplateExamples"/>,
    /// which the import refuses, so that an unchanged template changes nothing.</summary>
    public IActionResult OnGetTemplate(string? format) =>
        (IActionResult?)ImportTemplate.File("enterprises", format, EnterpriseImport.Header, EnterpriseImport.NumericColumns, EnterpriseImport.TemplateExamples)
        ?? BadRequest();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (!Accept(file, ".csv", ".xlsx"))
        {
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var (validation, summary) = await importer.ImportFileAsync(
            stream, file.FileName, new EnterpriseImportOptions(Source: "upload " + file.FileName), progress: null, ct);
        Problems = validation.Problems;
        Summary = summary;
        return Page();
    }
}
