using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Attachments;

/// <summary>/attachments/delete/{id}: asks, then deletes a file from its record, for whoever may change the record.</summary>
public sealed class DeleteModel(IDb db, AttachmentFiles files, IStringLocalizer<SharedResource> l) : PageModel
{
    public Attachment Attachment { get; private set; } = new();

    public AttachmentOwner Owner { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        await files.DeleteAsync(Owner, Attachment, ct);
        TempData["Flash"] = l["Attachments.Done.Deleted", Attachment.FileName].Value;
        return RedirectToPage(Owner.Page, null, Owner.Route, "attachments");
    }

    /// <summary>Null when the file exists, its record is visible and the reader may change it; the refusal otherwise.</summary>
    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (await files.FindAsync(id, User, ct) is not { } attachment
            || await AttachmentOwner.FindAsync(db, attachment.OwnerType, attachment.OwnerId, User, ct) is not { } owner)
        {
            return NotFound();
        }

        (Attachment, Owner) = (attachment, owner);
        return owner.MayChange ? null : Forbid();
    }
}
