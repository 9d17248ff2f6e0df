using InvestmentCrm.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Pages;

/// <summary>The dashboard: what the registry and the chain maps hold today.</summary>
public sealed class IndexModel(IDb db) : PageModel
{
    public Totals Figures { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Figures = await db.QuerySingleOrDefaultAsync<Totals>(Sql.Totals, ct: ct) ?? new Totals();
    }

    public sealed class Totals
    {
        public long Chains { get; set; }
        public long Nodes { get; set; }
        public long LocalEnterprises { get; set; }
        public long ProspectEnterprises { get; set; }
        public long Parks { get; set; }
    }

    internal static class Sql
    {
        public const string Totals = """
            SELECT (SELECT COUNT(*) FROM Chains) AS Chains,
                   (SELECT COUNT(*) FROM ChainNodes) AS Nodes,
                   (SELECT COUNT(*) FROM Enterprises WHERE Kind = 'local') AS LocalEnterprises,
                   (SELECT COUNT(*) FROM Enterprises WHERE Kind = 'prospect') AS ProspectEnterprises,
                   (SELECT COUNT(*) FROM Parks) AS Parks
            """;
    }
}
