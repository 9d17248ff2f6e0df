using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>POST /chains/{code}/delete: removes a chain that no enterprise is mapped to (the mappings would be lost).</summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
public sealed class DeleteModel(IDb db, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    public IActionResult OnGet(string code) => RedirectToPage("/Chains/Details", new { code = code.ToUpperInvariant() });

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        code = code.ToUpperInvariant();
        var outcome = await db.InTransactionAsync<(bool Found, long Mapped, string Name)>(async session =>
        {
            var chain = await session.QuerySingleOrDefaultAsync<ChainRow>(Sql.Chain, new { Code = code });
            if (chain is null)
            {
                return (false, 0L, "");
            }

            var mapped = await session.ExecuteScalarAsync<long>(Sql.MappedEnterprises, new { ChainId = chain.Id });
            if (mapped > 0)
            {
                return (true, mapped, chain.Name);
            }

            // Edges and the parent links do not cascade (SQL Server allows one cascade path); the nodes and park links do.
            await session.ExecuteAsync(Sql.DeleteEdges, new { ChainId = chain.Id });
            await session.ExecuteAsync(Sql.ClearParents, new { ChainId = chain.Id });
            await session.ExecuteAsync(Sql.DeleteNodes, new { ChainId = chain.Id });
            await session.ExecuteAsync(Sql.DeleteChain, new { chain.Id });
            await audit.WriteAsync(session, "Chain", chain.Id, "delete", new { chain.Code, chain.Name });
            return (true, 0L, chain.Name);
        }, ct);

        if (!outcome.Found)
        {
            return NotFound();
        }

        if (outcome.Mapped > 0)
        {
            TempData["Error"] = l["Chains.Error.DeleteMapped", outcome.Name, outcome.Mapped].Value;
            return RedirectToPage("/Chains/Details", new { code });
        }

        TempData["Flash"] = l["Chains.Done.Deleted", outcome.Name].Value;
        return RedirectToPage("/Chains/Index");
    }

    public sealed record ChainRow(long Id, string Code, string Name);

    internal static class Sql
    {
        public const string Chain = "SELECT Id, Code, Name FROM Chains WHERE Code = @Code";

        public const string MappedEnterprises = """
            SELECT COUNT(DISTINCT en.EnterpriseId)
            FROM EnterpriseNodes en
            JOIN ChainNodes n ON n.Id = en.NodeId
            WHERE n.ChainId = @ChainId
            """;

        public const string DeleteEdges = "DELETE FROM ChainEdges WHERE ChainId = @ChainId";
        public const string ClearParents = "UPDATE ChainNodes SET ParentId = NULL WHERE ChainId = @ChainId";
        public const string DeleteNodes = "DELETE FROM ChainNodes WHERE ChainId = @ChainId";
        public const string DeleteChain = "DELETE FROM Chains WHERE Id = @Id";
    }
}
