using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Attachments;

/// <summary>/attachments/upload/{type}/{id}: keeps a file with a project or an enterprise. The record's page posts its
/// form here; a refused file comes back on this page with the reason, a kept one goes back to the record. The request
/// is held to Attachments:MaxFileMegabytes while it is read (<see cref="UploadLimitAttribute{TLimits}"/>).</summary>
[UploadLimit<AttachmentOptions>]
public sealed class UploadModel(IDb db, AttachmentFiles files, IStringLocalizer<SharedResource> l) : PageModel
{
    public AttachmentOwner Owner { get; private set; } = new();

    public AttachmentOptions Options => files.Options;

    public AttachmentList Form() => new(Owner, [], Options);

    [TempData(Key = UploadLimitAttribute.RefusedKey)]
    public string? UploadRefused { get; set; }

    public async Task<IActionResult> OnGetAsync(string type, long id, CancellationToken ct)
    {
        if (await AttachmentOwner.FindAsync(db, type, id, User, ct) is not { } owner)
        {
            return NotFound();
        }

        Owner = owner;
        if (UploadRefused is { } message)
        {
            ModelState.AddModelError("file", message);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string type, long id, IFormFile? file, CancellationToken ct)
    {
        if (await AttachmentOwner.FindAsync(db, type, id, User, ct) is not { } owner)
        {
            return NotFound();
        }

        if (!owner.MayChange)
        {
            return Forbid();
        }

        Owner = owner;
        var problem = await files.AddAsync(owner, file, User.UserId() ?? 0, ct);
        if (problem is not null)
        {
            ModelState.AddModelError("file", problem);
            return Page();
        }

        TempData["Flash"] = l["Attachments.Done.Added", AttachmentFiles.CleanName(file!.FileName)].Value;
        return RedirectToPage(owner.Page, null, owner.Route, "attachments");
    }
}
