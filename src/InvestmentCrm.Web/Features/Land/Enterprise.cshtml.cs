using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>/land/enterprises/{id}: one local enterprise's land-efficiency history, linked from the graded list.</summary>
public sealed class EnterpriseModel(IDb db) : PageModel
{
    public EnterpriseRow Enterprise { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var enterprise = await db.QuerySingleOrDefaultAsync<EnterpriseRow>(Sql.Get, new { Id = id }, ct);
        if (enterprise is null)
        {
            return NotFound();
        }

        Enterprise = enterprise;
        return Page();
    }

    public sealed class EnterpriseRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Uscc { get; set; } = "";
        public string? ParkName { get; set; }
    }

    internal static class Sql
    {
        public const string Get = """
            SELECT e.Id, e.Name, e.Uscc, p.Name AS ParkName
            FROM Enterprises e
            LEFT JOIN Parks p ON p.Id = e.ParkId
            WHERE e.Id = @Id
            """;
    }
}
