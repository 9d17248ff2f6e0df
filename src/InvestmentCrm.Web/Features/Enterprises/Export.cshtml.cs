using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>GET /enterprises/export?format=csv|xlsx plus the list's filters: the filtered list in the import format.</summary>
public sealed class ExportModel(IDb db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? format, string? q, string? kind, string? region, string? node, string? qualification, CancellationToken ct)
    {
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (!xlsx && format is not null && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return BadRequest();
        }

        var filter = new EnterpriseFilter { Q = q, Kind = kind, Region = region, Node = node, Qualification = qualification };
        var where = await EnterpriseList.WhereAsync(db, filter, ct);
        var rows = (await EnterpriseList.ExportRowsAsync(db, where, ct)).Select(EnterpriseImport.ToCsvRow);
        var buffer = new MemoryStream();
        if (xlsx)
        {
            TabularFile.WriteXlsx(buffer, EnterpriseImport.Header, rows, EnterpriseImport.NumericColumns, "enterprises");
        }
        else
        {
            TabularFile.WriteCsv(buffer, EnterpriseImport.Header, rows);
        }

        buffer.Position = 0;
        var name = $"enterprises-{clock.GetUtcNow():yyyyMMdd-HHmm}.{(xlsx ? "xlsx" : "csv")}";
        return File(buffer, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8", name);
    }
}
