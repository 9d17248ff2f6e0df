using InvestmentCrm.Web.Identity;
using InvestmentCrm.Web.Import;
using InvestmentCrm.Web.Infrastructure;
using InvestmentCrm.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Pages.Enterprises;

/// <summary>/enterprises/import: upload an enterprises CSV or XLSX. Every row is checked first; with any bad row nothing is
/// written and every bad row is listed with its line. Uploading the same file again changes nothing (upsert by USCC).</summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
// The request may be larger than the file limit, so that a too-big file gets a clear message rather than a 413.
[RequestFormLimits(MultipartBodyLengthLimit = 2 * MaxBytes)]
[RequestSizeLimit(2 * MaxBytes)]
public sealed class ImportModel(EnterpriseWriter writer, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxBytes = 20 * 1024 * 1024;

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public EnterpriseImportSummary? Summary { get; private set; }

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

        await using var stream = file!.OpenReadStream();
        var (validation, summary) = await writer.ImportFileAsync(
            stream, file.FileName, new EnterpriseImportOptions(Source: "upload " + file.FileName), progress: null, ct);
        Problems = validation.Problems;
        Summary = summary;
        return Page();
    }
}
