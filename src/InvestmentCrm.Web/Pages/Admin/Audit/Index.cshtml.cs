using InvestmentCrm.Web.Data;
using InvestmentCrm.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Pages.Admin.Audit;

/// <summary>/admin/audit: who changed what, newest first, filterable by kind of record, record and person.</summary>
public sealed class IndexModel(IDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    public PageOf<AuditRow> Result { get; private set; } = new([], 1, Paging.DefaultSize, 0);
    public IReadOnlyList<string> EntityTypes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size, skip) = Paging.Normalize(PageNumber, 50);
        var filter = new
        {
            Entity = string.IsNullOrWhiteSpace(Entity) ? null : Entity.Trim(),
            EntityId = string.IsNullOrWhiteSpace(EntityId) ? null : EntityId.Trim(),
            Actor = string.IsNullOrWhiteSpace(Actor) ? null : "%" + Actor.Trim() + "%",
            Skip = skip,
            Take = size,
        };
        var total = await db.ExecuteScalarAsync<long>(Sql.Count, filter, ct);
        var rows = await db.QueryAsync<AuditRow>(Sql.List, filter, ct);
        Result = new PageOf<AuditRow>(rows, page, size, total);
        EntityTypes = await db.QueryAsync<string>(Sql.EntityTypes, ct: ct);
    }

    public sealed class AuditRow
    {
        public long Id { get; set; }
        public DateTime AtUtc { get; set; }
        public string ActorName { get; set; } = string.Empty;
        public string EntityType { get; set; } = string.Empty;
        public string EntityId { get; set; } = string.Empty;
        public string Action { get; set; } = string.Empty;
        public string? Changes { get; set; }
    }

    internal static class Sql
    {
        private const string Where = """

            FROM AuditLog
            WHERE (@Entity IS NULL OR EntityType = @Entity)
              AND (@EntityId IS NULL OR EntityId = @EntityId)
              AND (@Actor IS NULL OR ActorName LIKE @Actor)
            """;

        public const string Count = "SELECT COUNT(*)" + Where;

        public const string List = "SELECT Id, AtUtc, ActorName, EntityType, EntityId, Action, Changes" + Where + "\nORDER BY Id DESC " + SqlText.Paging;

        public const string EntityTypes = "SELECT DISTINCT EntityType FROM AuditLog ORDER BY EntityType";
    }
}
