using System.Text;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>/chains/import: upload a chain-map JSON file. Everything is checked first; with any problem nothing is
/// written and every problem is listed with where it is. Uploading the same file again changes nothing.</summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
// The request may be larger than the file limit, so that a too-big file gets a clear message rather than a 413.
[RequestFormLimits(MultipartBodyLengthLimit = 5 * MaxBytes)]
[RequestSizeLimit(5 * MaxBytes)]
public sealed class ImportModel(ChainMapImporter importer, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxBytes = 2 * 1024 * 1024;

    public IReadOnlyList<ChainProblem> Problems { get; private set; } = [];

    public ChainSaveResult? Result { get; private set; }

    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        FileName = file?.FileName;
        var error = UploadCheck.Problem(file, [".json"], MaxBytes, l);
        if (error is not null)
        {
            ModelState.AddModelError("file", error);
            return Page();
        }

        string json;
        try
        {
            using var reader = new StreamReader(file!.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            json = await reader.ReadToEndAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            ModelState.AddModelError("file", l["Chains.Import.NotUtf8", file!.FileName]);
            return Page();
        }

        var result = await importer.ImportJsonAsync(json, ct);
        if (result.Succeeded)
        {
            Result = result;
        }
        else if (result.Outcome == ChainSaveOutcome.Conflict)
        {
            ModelState.AddModelError("file", l["Common.ConcurrencyConflict"]);
        }
        else
        {
            Problems = result.Problems;
        }

        return Page();
    }
}
