using System.Globalization;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Funds;

/// <summary>GET /funds/export?format=csv|xlsx[&amp;project=CODE]: the funds-in-place entries of the projects the user
/// may see (of one project with <c>project</c>), in the import's format, so the file re-imports as it is.</summary>
public sealed class ExportModel(IDb db, ProjectLookups lookups) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? format, string? project, CancellationToken ct)
    {
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (!xlsx && format is not null && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return BadRequest();
        }

        var code = string.IsNullOrWhiteSpace(project) ? null : project.Trim();
        var entries = await FundsQueries.ScopedAsync(db, ProjectScope.For(User), code, ct);
        var rows = entries.Select(FundsImport.ToCsvRow).ToList();
        using var stream = new MemoryStream();
        if (xlsx)
        {
            TabularFile.WriteXlsx(stream, FundsImport.Header, rows, FundsImport.NumericColumns, "funds");
        }
        else
        {
            TabularFile.WriteCsv(stream, FundsImport.Header, rows);
        }

        var name = "funds-" + (code is null ? "" : code + "-") + lookups.Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return xlsx
            ? File(stream.ToArray(), ImportTemplate.XlsxContentType, name + ".xlsx")
            : File(stream.ToArray(), ImportTemplate.CsvContentType, name + ".csv");
    }
}
