using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Attachments;

/// <summary>/attachments/download/{id}: the file, streamed from the store, for whoever may see its record (404 for
/// anyone else, as for the record). Always as a download under its own name (RFC 5987 filename* for Chinese names),
/// never sniffed into something the browser would run.</summary>
public sealed class DownloadModel(AttachmentFiles files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await files.FindAsync(id, User, ct) is not { } attachment
            || await files.OpenReadAsync(attachment, ct) is not { } content)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        // File(…, name) writes Content-Disposition: attachment; filename="ASCII fallback"; filename*=UTF-8''…
        return File(content, attachment.ContentType, attachment.FileName);
    }
}
