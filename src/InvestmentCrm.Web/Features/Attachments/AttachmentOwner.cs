using System.Security.Claims;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Attachments;

/// <summary>
/// The record an attachment belongs to, as the reader may see it: a project within their <see cref="ProjectScope"/>
/// (the one rule), or an enterprise (the registry is shared by every signed-in user). <see cref="MayChange"/> says
/// whether they may add and delete its files: whoever may edit the project; anyone for an enterprise.
/// </summary>
public sealed class AttachmentOwner
{
    public const string Project = "project";
    public const string Enterprise = "enterprise";

    public string Type { get; init; } = "";
    public long Id { get; init; }
    public string Name { get; init; } = "";

    /// <summary>The project's code; null for an enterprise.</summary>
    public string? Code { get; init; }

    public long? OwnerUserId { get; init; }
    public bool MayChange { get; private set; }

    /// <summary>The record's audit entity, under which its history shows the upload or delete.</summary>
    public string AuditEntity => Type == Project ? "Project" : "Enterprise";

    public object AuditId => Type == Project ? Code! : Id;

    /// <summary>The record's page, to link and redirect by page name.</summary>
    public string Page => Type == Project ? "/Projects/Details" : "/Enterprises/Details";

    /// <summary>The record page's route values (for asp-all-route-data and RedirectToPage).</summary>
    public Dictionary<string, string> Route => Type == Project
        ? new() { ["code"] = Code ?? "" }
        : new() { ["id"] = Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public static bool IsType(string? type) => type is Project or Enterprise;

    /// <summary>The record if it exists and <paramref name="user"/> may see it; null otherwise (the page answers 404,
    /// so nobody learns that a project outside their scope exists).</summary>
    public static async Task<AttachmentOwner?> FindAsync(IDb db, string? type, long id, ClaimsPrincipal user, CancellationToken ct)
    {
        var scope = ProjectScope.For(user);
        if (scope.UserId == 0)
        {
            return null;
        }

        var owner = type switch
        {
            Project => await db.QuerySingleOrDefaultAsync<AttachmentOwner>(Sql.Project, scope.AddTo(new { Id = id }), ct),
            Enterprise => await db.QuerySingleOrDefaultAsync<AttachmentOwner>(Sql.Enterprise, new { Id = id }, ct),
            _ => null,
        };
        if (owner is not null)
        {
            owner.MayChange = owner.Type == Enterprise || scope.CanEdit(owner.OwnerUserId ?? 0);
        }

        return owner;
    }

    internal static class Sql
    {
        public const string Project = """
            SELECT 'project' AS Type, p.Id, p.Title AS Name, p.Code, p.OwnerUserId
            FROM Projects p
            WHERE p.Id = @Id
            """ + "\n  AND " + ProjectScope.Filter;

        public const string Enterprise = """
            SELECT 'enterprise' AS Type, e.Id, e.Name, NULL AS Code, NULL AS OwnerUserId
            FROM Enterprises e
            WHERE e.Id = @Id
            """;
    }
}
