using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>
/// An upload page for a CSV or XLSX file whose import answers either its problems (nothing written) or a summary of
/// what it wrote: the page shows one or the other, and the post's steps (accept, read within the limits, import) are
/// written once here.
/// </summary>
public abstract class TabularImportPageModel<TSummary>(IOptions<ImportLimits> limits, IStringLocalizer<SharedResource> l)
    : ImportPageModel(limits, l)
    where TSummary : class
{
    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public TSummary? Summary { get; private set; }

    /// <summary>Imports the uploaded file with <paramref name="import"/> unless the upload itself is refused (its
    /// reason then stands on the file field).</summary>
    protected async Task<IActionResult> ImportAsync(
        IFormFile? file, Func<TabularReadResult, Task<(IReadOnlyList<ImportProblem> Problems, TSummary? Summary)>> import)
    {
        if (!Accept(file, ".csv", ".xlsx"))
        {
            return Page();
        }

        var (problems, summary) = await import(Read(file));
        if (problems.Count == 0)
        {
            Summary = summary;
        }
        else
        {
            Problems = problems;
        }

        return Page();
    }
}
