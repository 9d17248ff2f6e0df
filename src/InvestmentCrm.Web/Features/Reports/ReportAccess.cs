using System.Security.Claims;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Reports;

/// <summary>
/// Who may see which documents: a brief goes with its project (<see cref="ProjectScope"/>: Staff their own and
/// their team's, Leaders and Admins all); a chain-gap report is for everyone.
/// </summary>
public static class ReportAccess
{
    /// <summary>A condition (not a statement) on Documents d left-joined to Projects p on the brief's project.</summary>
    public const string VisibleDocument = "(d.Kind <> 'brief' OR " + ProjectScope.Filter + ")";

    /// <summary>The query's own parameters plus the scope's, which the visibility conditions use.</summary>
    public static Dapper.DynamicParameters Parameters(ClaimsPrincipal user, object query) => ProjectScope.For(user).AddTo(query);

    public static async Task<bool> CanSeeProjectAsync(IDb db, ClaimsPrincipal user, string code, CancellationToken ct) =>
        await db.ExecuteScalarAsync<long>(Sql.VisibleProject, Parameters(user, new { Code = code }), ct) > 0;

    public static class Sql
    {
        public const string VisibleProject = "SELECT COUNT(*) FROM Projects p WHERE p.Code = @Code AND " + ProjectScope.Filter;
    }
}
