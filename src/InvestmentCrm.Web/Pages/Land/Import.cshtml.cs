using InvestmentCrm.Web.Identity;
using InvestmentCrm.Web.Import;
using InvestmentCrm.Web.Infrastructure;
using InvestmentCrm.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Pages.Land;

/// <summary>/land/import: upload yearly land-efficiency records (CSV or XLSX). Every row is checked first; with any
/// problem nothing is written and every problem is listed with its line. A valid file upserts by enterprise and
/// year, so uploading the same file again changes nothing.</summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
[RequestFormLimits(MultipartBodyLengthLimit = 5 * MaxBytes)]
[RequestSizeLimit(5 * MaxBytes)]
public sealed class ImportModel(LandImporter importer, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public LandImportSummary? Summary { get; private set; }

    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        FileName = file?.FileName;
        var error = UploadCheck.Problem(file, [".csv", ".xlsx"], MaxBytes, l);
        if (error is not null)
        {
            ModelState.AddModelError("file", error);
            return Page();
        }

        TabularReadResult table;
        await using (var stream = file!.OpenReadStream())
        {
            table = TabularFile.Read(stream, file.FileName);
        }

        var outcome = await importer.ImportAsync(table, ct);
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
