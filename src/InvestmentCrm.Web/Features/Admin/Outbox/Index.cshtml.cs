using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Mail;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Admin.Outbox;

/// <summary>/admin/outbox: every message the app sends, its delivery status, attempts and last error; failed ones can be retried.</summary>
public sealed class IndexModel(IDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    public PageOf<OutboxRow> Result { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    public IReadOnlyDictionary<string, long> Counts { get; private set; } = new Dictionary<string, long>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var status = OutboxStatus.All.Contains(Status) ? Status : null;
        Status = status;
        var (page, size, skip) = Paging.Normalize(PageNumber, 50);
        var filter = new { Status = status, Skip = skip, Take = size };
        var total = await db.ExecuteScalarAsync<long>(Sql.Count, filter, ct);
        Result = new PageOf<OutboxRow>(await db.QueryAsync<OutboxRow>(Sql.List, filter, ct), page, size, total);
        Counts = (await db.QueryAsync<StatusCount>(Sql.Counts, ct: ct)).ToDictionary(c => c.Status, c => c.Total, StringComparer.Ordinal);
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        var changed = await db.InTransactionAsync(async session =>
        {
            var rows = await session.ExecuteAsync(OutboxSender.Sql.Retry, new { Id = id, Pending = OutboxStatus.Pending, Failed = OutboxStatus.Failed, Now = clock.GetUtcNow().UtcDateTime });
            if (rows > 0)
            {
                await audit.WriteAsync(session, "OutboxMessage", id, "retry");
            }

            return rows;
        }, ct);
        TempData["Flash"] = changed > 0 ? l["Email.Outbox.Retried"].Value : l["Email.Outbox.NotFailed"].Value;
        return RedirectToPage("/Admin/Outbox/Index", new { status = Status });
    }

    public sealed class OutboxRow
    {
        public long Id { get; set; }
        public string ToAddress { get; set; } = string.Empty;
        public string Subject { get; set; } = string.Empty;
        public string Status { get; set; } = string.Empty;
        public int Attempts { get; set; }
        public DateTime NextAttemptAtUtc { get; set; }
        public DateTime CreatedAtUtc { get; set; }
        public DateTime? SentAtUtc { get; set; }
        public string? LastError { get; set; }
        public DateTime? LockedUntilUtc { get; set; }
        public string? AttemptId { get; set; }
    }

    public sealed class StatusCount
    {
        public string Status { get; set; } = string.Empty;
        public long Total { get; set; }
    }

    internal static class Sql
    {
        private const string Where = """

            FROM OutboxMessages
            WHERE (@Status IS NULL OR Status = @Status)
            """;

        public const string Count = "SELECT COUNT(*)" + Where;

        public const string List = "SELECT Id, ToAddress, Subject, Status, Attempts, NextAttemptAtUtc, CreatedAtUtc, SentAtUtc, LastError, LockedUntilUtc, AttemptId" + Where +
            "\nORDER BY Id DESC " + SqlText.Paging;

        public const string Counts = "SELECT Status, COUNT(*) AS Total FROM OutboxMessages GROUP BY Status";
    }
}
