using System.Text;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>/chains/import: upload a chain-map JSON file. Everything is checked first; with any problem nothing is
/// written and every problem is listed with where it is. Uploading the same file again changes nothing.</summary>
public sealed class ImportModel(ChainMapImporter importer, IOptions<ImportLimits> limits, IStringLocalizer<SharedResource> l)
    : ImportPageModel(limits, l)
{
    /// <summary>The first Import:MaxProblems problems; <see cref="ProblemCount"/> counts them all.</summary>
    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    public int ProblemCount { get; private set; }

    public ChainSaveResult? Result { get; private set; }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (!Accept(file, ".json"))
        {
            return Page();
        }

        string json;
        try
        {
            using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            json = await reader.ReadToEndAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            ModelState.AddModelError("file", Localizer["Chains.Import.NotUtf8", file.FileName]);
            return Page();
        }

        var result = await importer.ImportJsonAsync(json, ct);
        if (result.Succeeded)
        {
            Result = result;
        }
        else if (result.Outcome == SaveOutcome.Conflict)
        {
            ModelState.AddModelError("file", Localizer["Common.ConcurrencyConflict"]);
        }
        else
        {
            Problems = [.. result.Problems.Take(Limits.MaxProblems)];
            ProblemCount = result.Problems.Count;
        }

        return Page();
    }
}
