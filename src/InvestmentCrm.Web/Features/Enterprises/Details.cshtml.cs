using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>/enterprises/{id}: the enterprise with its qualifications, contacts, the chain nodes it covers, enterprises
/// whose names look the same, and its recent history.</summary>
public sealed class DetailsModel(IDb db, People people) : PageModel
{
    public EnterpriseView Enterprise { get; private set; } = null!;
    public IReadOnlyList<string> Qualifications { get; private set; } = [];
    public IReadOnlyList<EnterpriseContact> Contacts { get; private set; } = [];
    public IReadOnlyList<NodeOption> Nodes { get; private set; } = [];
    public IReadOnlyList<SimilarEnterprise> Similar { get; private set; } = [];
    public IReadOnlyList<HistoryView> History { get; private set; } = [];
    public InvestmentCrm.Web.Features.Projects.EnterpriseProjects ProjectList { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var enterprise = await db.QuerySingleOrDefaultAsync<EnterpriseView>(Sql.Enterprise, new { Id = id }, ct);
        if (enterprise is null)
        {
            return NotFound();
        }

        Enterprise = enterprise;
        var held = (await db.QueryAsync<string>(Sql.Qualifications, new { EnterpriseId = id }, ct)).ToHashSet(StringComparer.Ordinal);
        Qualifications = [.. EnterpriseImport.Qualifications.Where(held.Contains)];
        Contacts = await db.QueryAsync<EnterpriseContact>(Sql.Contacts, new { EnterpriseId = id }, ct);
        Nodes = await db.QueryAsync<NodeOption>(Sql.Nodes, new { EnterpriseId = id }, ct);
        Similar = await NearDuplicates.FindAsync(db, enterprise.NameKey, id, ct);
        History = await db.QueryAsync<HistoryView>(Sql.History, new { EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Skip = 0, Take = 10 }, ct);
        foreach (var entry in History)
        {
            entry.Actor = await people.ActorAsync(entry.ActorUserId, entry.ActorName, ct);
        }

        ProjectList = await InvestmentCrm.Web.Features.Projects.EnterpriseProjects.LoadAsync(db, id, User, ct);
        return Page();
    }

    public sealed record EnterpriseView : EnterpriseFields
    {
        public long Id { get; init; }
        public string NameKey { get; init; } = "";
        public string? ParkName { get; init; }
        public int Version { get; init; }
        public DateTime CreatedAtUtc { get; init; }
        public DateTime UpdatedAtUtc { get; init; }
    }

    public sealed class HistoryView
    {
        public DateTime AtUtc { get; set; }
        public long? ActorUserId { get; set; }
        public string ActorName { get; set; } = "";
        public string Action { get; set; } = "";

        /// <summary>Who, by name (set after reading).</summary>
        public Person Actor { get; set; } = new("", null);
    }

    internal static class Sql
    {
        public const string Enterprise = """
            SELECT e.Id, e.Uscc, e.Name, e.NameKey, e.Kind, e.Province, e.City, e.District, e.IndustryCode, e.RegisteredCapitalWan,
                   e.AnnualRevenueWan, e.Employees, e.MainProducts, e.Website, p.Name AS ParkName, e.Version, e.CreatedAtUtc, e.UpdatedAtUtc
            FROM Enterprises e
            LEFT JOIN Parks p ON p.Id = e.ParkId
            WHERE e.Id = @Id
            """;

        public const string Qualifications = "SELECT Qualification FROM EnterpriseQualifications WHERE EnterpriseId = @EnterpriseId";

        public const string Contacts = """
            SELECT Name, Title, Phone, Email FROM EnterpriseContacts WHERE EnterpriseId = @EnterpriseId ORDER BY SortOrder, Id
            """;

        public const string Nodes = """
            SELECT n.Id, c.Code AS ChainCode, c.Name AS ChainName, c.NameEn AS ChainNameEn, n.Code, n.Name, n.NameEn
            FROM EnterpriseNodes en
            JOIN ChainNodes n ON n.Id = en.NodeId
            JOIN Chains c ON c.Id = n.ChainId
            WHERE en.EnterpriseId = @EnterpriseId
            ORDER BY c.Code, n.SortOrder, n.Code
            """;

        public const string History = """
            SELECT AtUtc, ActorUserId, ActorName, Action FROM AuditLog
            WHERE EntityType = 'Enterprise' AND EntityId = @EntityId
            ORDER BY AtUtc DESC, Id DESC
            """ + " " + SqlText.Paging;
    }
}
