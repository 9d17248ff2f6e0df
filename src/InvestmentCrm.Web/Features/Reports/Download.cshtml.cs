using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Reports;

/// <summary>/reports/{id}/download: the stored PDF, to users who may see it (others get 404).</summary>
public sealed class DownloadModel(IDb db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var document = await db.QuerySingleOrDefaultAsync<StoredDocument>(Sql.Document, ReportAccess.Parameters(User, new { Id = id }), ct);
        if (document is null)
        {
            return NotFound();
        }

        return File(document.Content, "application/pdf", document.FileName);
    }

    public sealed class StoredDocument
    {
        public string FileName { get; set; } = string.Empty;
        public byte[] Content { get; set; } = [];
    }

    internal static class Sql
    {
        public const string Document = """
            SELECT d.FileName, d.Content
            FROM Documents d
            LEFT JOIN Projects p ON d.Kind = 'brief' AND p.Code = d.Subject
            WHERE d.Id = @Id AND
            """ + " " + ReportAccess.VisibleDocument;
    }
}
