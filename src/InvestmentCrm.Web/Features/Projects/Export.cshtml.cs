using System.Globalization;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>GET /projects/export?format=csv|xlsx: the projects of the list's filters that the user may see, in the
/// import's format (so the file re-imports as it is); with <c>code=…</c> (the rows ticked on the list) only those.</summary>
public sealed class ExportModel(IDb db, ProjectLookups lookups) : PageModel
{
    [BindProperty(SupportsGet = true)] public ProjectFilter Filter { get; set; } = new();

    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    /// <summary>Set by the list's "export the selection" buttons: then only <see cref="Codes"/>, none if none is ticked.</summary>
    [BindProperty(SupportsGet = true)] public bool Selection { get; set; }

    /// <summary>The ticked rows.</summary>
    [BindProperty(SupportsGet = true, Name = "code")] public List<string> Codes { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var xlsx = string.Equals(Format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (!xlsx && Format is not null && !string.Equals(Format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return BadRequest();
        }

        IEnumerable<ProjectFileRow> rows = await ProjectExport.RowsAsync(db, ProjectScope.For(User), Filter, lookups.Cutoffs(lookups.Today), ct);
        if (Selection || Codes.Count > 0)
        {
            // Within the reader's scope first (above), then the selection: a code outside it simply is not there.
            var selected = Codes.ToHashSet(StringComparer.Ordinal);
            rows = rows.Where(r => selected.Contains(r.Code));
        }

        var stream = new MemoryStream();
        var name = "projects-" + lookups.Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        if (xlsx)
        {
            ProjectExport.WriteXlsx(stream, rows);
        }
        else
        {
            ProjectExport.WriteCsv(stream, rows);
        }

        stream.Position = 0;
        return xlsx
            ? File(stream, ImportTemplate.XlsxContentType, name + ".xlsx")
            : File(stream, ImportTemplate.CsvContentType, name + ".csv");
    }
}
