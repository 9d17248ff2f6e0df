using System.Data.Common;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>POST /enterprises/{id}/delete: removes an enterprise with its contacts, qualifications and node mappings,
/// unless projects, attachments or other records still point at it (they would lose their enterprise).</summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
public sealed class DeleteModel(IDb db, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    public IActionResult OnGet(long id) => RedirectToPage("/Enterprises/Details", new { id });

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var enterprise = await db.QuerySingleOrDefaultAsync<EnterpriseRow>(Sql.Enterprise, new { Id = id }, ct);
        if (enterprise is null)
        {
            return NotFound();
        }

        var projects = await db.ExecuteScalarAsync<long>(Sql.Projects, new { EnterpriseId = id }, ct);
        if (projects > 0)
        {
            TempData["Error"] = l["Enterprises.Error.DeleteInUse", enterprise.Name, projects].Value;
            return RedirectToPage("/Enterprises/Details", new { id });
        }

        // Its files (a signed MOU, say) are not dropped with it unasked: they are deleted one by one, each audited.
        var attachments = await db.ExecuteScalarAsync<long>(Sql.Attachments, new { OwnerId = id }, ct);
        if (attachments > 0)
        {
            TempData["Error"] = l["Enterprises.Error.DeleteHasAttachments", enterprise.Name, attachments].Value;
            return RedirectToPage("/Enterprises/Details", new { id });
        }

        try
        {
            await db.InTransactionAsync(async session =>
            {
                await session.ExecuteAsync(Sql.Delete, new { Id = id });
                await audit.WriteAsync(session, "Enterprise", id, "delete", new { enterprise.Uscc, enterprise.Name });
                return true;
            }, ct);
        }
        catch (DbException)
        {
            // Another table's foreign key (land-efficiency records, say) still points at it; the transaction rolled back.
            TempData["Error"] = l["Enterprises.Error.DeleteReferenced", enterprise.Name].Value;
            return RedirectToPage("/Enterprises/Details", new { id });
        }

        TempData["Flash"] = l["Enterprises.Done.Deleted", enterprise.Name].Value;
        return RedirectToPage("/Enterprises/Index");
    }

    public sealed record EnterpriseRow(string Uscc, string Name);

    internal static class Sql
    {
        public const string Enterprise = "SELECT Uscc, Name FROM Enterprises WHERE Id = @Id";
        public const string Projects = "SELECT COUNT(*) FROM Projects WHERE EnterpriseId = @EnterpriseId";

        // Contacts, qualifications and node mappings cascade.
        public const string Delete = "DELETE FROM Enterprises WHERE Id = @Id";
        public const string Attachments = "SELECT COUNT(*) FROM Attachments WHERE OwnerType = 'enterprise' AND OwnerId = @OwnerId";
    }
}
