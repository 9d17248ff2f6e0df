using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;

namespace InvestmentCrm.Web.Features.Attachments;

/// <summary>The files of a record, on its page: <c>@await Component.InvokeAsync("Attachments", new { type, id })</c>.
/// Renders nothing for a record the reader may not see (the page itself answers 404 then).</summary>
public sealed class AttachmentsViewComponent(IDb db, AttachmentFiles files) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string type, long id)
    {
        var ct = HttpContext.RequestAborted;
        if (await AttachmentOwner.FindAsync(db, type, id, UserClaimsPrincipal, ct) is not { } owner)
        {
            return Content(string.Empty);
        }

        return View("~/Features/Attachments/_Attachments.cshtml", new AttachmentList(owner, await files.ListAsync(owner, ct), files.Options));
    }
}

/// <summary>What the record page's attachment card shows.</summary>
public sealed record AttachmentList(AttachmentOwner Owner, IReadOnlyList<Attachment> Items, AttachmentOptions Options)
{
    /// <summary>For the file input's accept attribute: the allowed extensions.</summary>
    public string Accept => string.Join(",", Options.Extensions);
}
