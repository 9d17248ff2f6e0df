using System.Globalization;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>GET /projects/export: the projects of the list's filters that the user may see, as the import's CSV.</summary>
public sealed class ExportModel(IDb db, ProjectLookups lookups) : PageModel
{
    [BindProperty(SupportsGet = true)] public ProjectFilter Filter { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var rows = await ProjectExport.RowsAsync(db, ProjectScope.For(User), Filter, lookups.Cutoffs(lookups.Today), ct);
        var stream = new MemoryStream();
        ProjectExport.WriteCsv(stream, rows);
        stream.Position = 0;
        return File(stream, "text/csv; charset=utf-8", "projects-" + lookups.Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ".csv");
    }
}
