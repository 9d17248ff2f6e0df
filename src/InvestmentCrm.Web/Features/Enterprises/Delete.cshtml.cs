using System.Data.Common;
using InvestmentCrm.Web.Features.Attachments;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>
/// /enterprises/{id}/delete: says what goes with the enterprise (its attachments by name, contacts, qualifications,
/// chain mappings, land-efficiency records, leading-enterprise marks), then deletes it all in one transaction: the
/// attachments' rows and stored content, each audited on the enterprise, and the enterprise, audited with the names of
/// the files that went with it. If anything fails, the transaction rolls back and nothing is lost. An enterprise that
/// projects still name is not deleted (the projects would lose their enterprise): the page says so and what to do.
/// </summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
public sealed class DeleteModel(IDb db, AttachmentFiles files, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    public EnterpriseRow Enterprise { get; private set; } = new();

    public Dependents Removed { get; private set; } = new();

    public IReadOnlyList<Attachment> Files { get; private set; } = [];

    /// <summary>The attachments the confirmation showed: if others have come or gone since, the user is asked again.</summary>
    [BindProperty]
    public List<long> Seen { get; set; } = [];

    /// <summary>Set when the post found other attachments than the page showed.</summary>
    public bool Changed { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Outcome outcome;
        try
        {
            outcome = await db.InTransactionAsync(session => DeleteAsync(session, id), ct);
        }
        catch (DbException)
        {
            // A foreign key added since this page was written, or a project made for it a moment ago: rolled back whole.
            TempData["Error"] = l["Enterprises.Error.DeleteReferenced", Enterprise.Name].Value;
            return RedirectToPage("/Enterprises/Details", new { id });
        }

        if (outcome != Outcome.Deleted)
        {
            // Show the page again as it is now: other files, or projects that hold it.
            await LoadAsync(id, ct);
            Changed = outcome == Outcome.Changed;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        TempData["Flash"] = Files.Count == 0
            ? l["Enterprises.Done.Deleted", Enterprise.Name].Value
            : l["Enterprises.Done.DeletedWithFiles", Enterprise.Name, Files.Count].Value;
        return RedirectToPage("/Enterprises/Index");
    }

    private async Task<Outcome> DeleteAsync(DbSession session, long id)
    {
        var owner = Owner(id);
        var attachments = await files.ListAsync(session, owner);
        if (!attachments.Select(a => a.Id).Order().SequenceEqual(Seen.Order()))
        {
            return Outcome.Changed;
        }

        var removed = await session.QuerySingleOrDefaultAsync<Dependents>(Sql.Dependents, new { Id = id }) ?? new();
        if (removed.Projects > 0)
        {
            return Outcome.InUse;
        }

        foreach (var attachment in attachments)
        {
            await files.DeleteAsync(session, owner, attachment);
        }

        await session.ExecuteAsync(Sql.Delete, new { Id = id });
        await audit.WriteAsync(session, "Enterprise", id, "delete", new
        {
            Enterprise.Uscc,
            Enterprise.Name,
            Attachments = attachments.Select(a => a.FileName).ToArray(),
            ContactCount = removed.Contacts,
            QualificationCount = removed.Qualifications,
            ChainNodeCount = removed.ChainNodes,
            LandRecordCount = removed.LandRecords,
            LeadingChainCount = removed.LeadingChains,
        });
        return Outcome.Deleted;
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await db.QuerySingleOrDefaultAsync<EnterpriseRow>(Sql.Enterprise, new { Id = id }, ct) is not { } enterprise)
        {
            return false;
        }

        Enterprise = enterprise;
        Removed = await db.QuerySingleOrDefaultAsync<Dependents>(Sql.Dependents, new { Id = id }, ct) ?? new();
        Files = await files.ListAsync(Owner(id), ct);
        return true;
    }

    private AttachmentOwner Owner(long id) => new() { Type = AttachmentOwner.Enterprise, Id = id, Name = Enterprise.Name };

    private enum Outcome
    {
        Deleted,
        Changed,
        InUse,
    }

    public sealed class EnterpriseRow
    {
        public long Id { get; set; }
        public string Uscc { get; set; } = "";
        public string Name { get; set; } = "";
    }

    /// <summary>What points at the enterprise: projects hold it back; the rest goes with it (the foreign keys cascade).</summary>
    public sealed class Dependents
    {
        public int Projects { get; set; }
        public int Contacts { get; set; }
        public int Qualifications { get; set; }
        public int ChainNodes { get; set; }
        public int LandRecords { get; set; }
        public int LeadingChains { get; set; }
    }

    internal static class Sql
    {
        public const string Enterprise = "SELECT Id, Uscc, Name FROM Enterprises WHERE Id = @Id";

        public const string Dependents = """
            SELECT (SELECT COUNT(*) FROM Projects WHERE EnterpriseId = @Id) AS Projects,
                   (SELECT COUNT(*) FROM EnterpriseContacts WHERE EnterpriseId = @Id) AS Contacts,
                   (SELECT COUNT(*) FROM EnterpriseQualifications WHERE EnterpriseId = @Id) AS Qualifications,
                   (SELECT COUNT(*) FROM EnterpriseNodes WHERE EnterpriseId = @Id) AS ChainNodes,
                   (SELECT COUNT(*) FROM LandRecords WHERE EnterpriseId = @Id) AS LandRecords,
                   (SELECT COUNT(*) FROM ChainLeadingEnterprises WHERE EnterpriseId = @Id) AS LeadingChains
            """;

        // Contacts, qualifications, node mappings, land records and leading-enterprise marks cascade.
        public const string Delete = "DELETE FROM Enterprises WHERE Id = @Id";
    }
}
