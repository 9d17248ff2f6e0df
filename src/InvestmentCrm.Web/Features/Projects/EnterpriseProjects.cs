using System.Security.Claims;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>The projects of one enterprise that a user may see, for <c>_EnterpriseProjects.cshtml</c>:
/// <c>&lt;partial name="/Features/Projects/_EnterpriseProjects.cshtml" model="await EnterpriseProjects.LoadAsync(db, id, User, ct)" /&gt;</c>.</summary>
public sealed record EnterpriseProjects(long EnterpriseId, IReadOnlyList<EnterpriseProjects.Row> Rows, bool CanCreate)
{
    public static async Task<EnterpriseProjects> LoadAsync(IDb db, long enterpriseId, ClaimsPrincipal user, CancellationToken ct)
    {
        var scope = ProjectScope.For(user);
        var rows = await db.QueryAsync<Row>(Sql.ByEnterprise, scope.AddTo(new { EnterpriseId = enterpriseId }), ct);
        return new EnterpriseProjects(enterpriseId, rows, scope.CanCreate);
    }

    public sealed class Row
    {
        public string Code { get; set; } = "";
        public string Title { get; set; } = "";
        public string Stage { get; set; } = "";
        public string OwnerName { get; set; } = "";
        public decimal? PlannedInvestmentWan { get; set; }
    }

    internal static class Sql
    {
        public const string ByEnterprise = """
            SELECT p.Code, p.Title, p.Stage, u.DisplayName AS OwnerName, p.PlannedInvestmentWan
            FROM Projects p
            JOIN Users u ON u.Id = p.OwnerUserId
            WHERE p.EnterpriseId = @EnterpriseId AND 
            """ + ProjectScope.Filter + "\nORDER BY p.UpdatedAtUtc DESC, p.Id DESC";
    }
}
