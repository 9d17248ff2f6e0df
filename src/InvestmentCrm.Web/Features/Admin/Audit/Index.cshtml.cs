using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Admin.Audit;

/// <summary>/admin/audit: who changed what, newest first, filterable by kind of record, record, person and date range;
/// in words: people by name, actions and record types translated, the changes as "field: old → new".</summary>
public sealed class IndexModel(IDb db, People people, IStringLocalizer<SharedResource> l, Microsoft.Extensions.Options.IOptions<AppOptions> app) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    public PageOf<AuditRow> Result { get; private set; } = new([], 1, Paging.DefaultSize, 0);
    public IReadOnlyList<Entry> Entries { get; private set; } = [];
    public IReadOnlyList<string> EntityTypes { get; private set; } = [];

    /// <summary>A row as shown: who (by name), and the changes as lines.</summary>
    public sealed record Entry(AuditRow Row, Person Actor, IReadOnlyList<AuditChangeLine> Changes);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size, skip) = Paging.Normalize(PageNumber, 50);
        // The dates are days in the users' time zone; the log is in UTC.
        var zone = app.Value.FindTimeZone();
        DateTime? Utc(DateOnly? day) => day is { } d ? Domain.LocalTime.StartUtc(d, zone) : null;
        var filter = new
        {
            Entity = string.IsNullOrWhiteSpace(Entity) ? null : Entity.Trim(),
            EntityId = string.IsNullOrWhiteSpace(EntityId) ? null : EntityId.Trim(),
            Actor = string.IsNullOrWhiteSpace(Actor) ? null : "%" + Actor.Trim() + "%",
            FromUtc = Utc(From),
            ToUtc = Utc(To?.AddDays(1)),
            Skip = skip,
            Take = size,
        };
        var total = await db.ExecuteScalarAsync<long>(Sql.Count, filter, ct);
        var rows = await db.QueryAsync<AuditRow>(Sql.List, filter, ct);
        Result = new PageOf<AuditRow>(rows, page, size, total);
        EntityTypes = await db.QueryAsync<string>(Sql.EntityTypes, ct: ct);

        var names = await AuditNames.ReadAsync(db, rows.SelectMany(r => AuditText.References(r.Changes)), ct);
        var entries = new List<Entry>(rows.Count);
        foreach (var row in rows)
        {
            var actor = await people.ActorAsync(row.ActorUserId, row.ActorName, ct);
            var changes = AuditText.Changes(l, row.EntityType, row.Action, row.Changes, r => names.GetValueOrDefault(r));
            entries.Add(new Entry(row, actor, changes));
        }

        Entries = entries;
    }

    public sealed class AuditRow
    {
        public long Id { get; set; }
        public DateTime AtUtc { get; set; }
        public long? ActorUserId { get; set; }
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
              AND (@Actor IS NULL OR ActorName LIKE @Actor OR ActorUserId IN (SELECT u.Id FROM Users u WHERE u.DisplayName LIKE @Actor))
              AND (@FromUtc IS NULL OR AtUtc >= @FromUtc)
              AND (@ToUtc IS NULL OR AtUtc < @ToUtc)
            """;

        public const string Count = "SELECT COUNT(*)" + Where;

        public const string List = "SELECT Id, AtUtc, ActorUserId, ActorName, EntityType, EntityId, Action, Changes" + Where + "\nORDER BY Id DESC " + SqlText.Paging;

        public const string EntityTypes = "SELECT DISTINCT EntityType FROM AuditLog ORDER BY EntityType";
    }
}
