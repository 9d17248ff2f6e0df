using System.Security.Claims;
using InvestmentCrm.Web.Identity;
using InvestmentCrm.Web.Import;
using InvestmentCrm.Web.Infrastructure;
using InvestmentCrm.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Pages.Projects;

/// <summary>/projects/import: upload a projects CSV or XLSX, the file <c>import projects FILE</c> reads. Every row is
/// checked first; with any bad row nothing is written and every problem is listed with its line. A valid file upserts
/// by project code through the same importer as the command line (stage history and audit included), so uploading
/// the same file again changes nothing.</summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
// The request may be larger than the file limit, so that a too-big file gets a clear message rather than a 413.
[RequestFormLimits(MultipartBodyLengthLimit = 2 * MaxBytes)]
[RequestSizeLimit(2 * MaxBytes)]
public sealed class ImportModel(ProjectImporter importer, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public ProjectImportSummary? Summary { get; private set; }

    public string? FileName { get; private set; }

    /// <summary>DESIGN.md does not single out projects: whole files are for leaders and administrators, as for
    /// enterprises, chains and land records; staff enter projects one by one.</summary>
    public static bool CanImport(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Leader);

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

        var summary = await importer.ImportAsync(table, User.UserId(), ct);
        if (summary.Ok)
        {
            Summary = summary;
        }
        else
        {
            Problems = summary.Problems;
        }

        return Page();
    }

    /// <summary>"第 3 行" / "Line 3", or "the file" for a problem with the file as a whole.</summary>
    public string Where(ImportProblem problem) =>
        problem.Line == 0 ? l["Projects.ImportPage.WholeFile"].Value : l["Projects.ImportPage.Line", problem.Line].Value;

    public string Message(ImportProblem problem) => l[problem.Key, problem.Args].Value;
}
