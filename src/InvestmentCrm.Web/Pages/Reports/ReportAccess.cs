using System.Security.Claims;
using InvestmentCrm.Web.Data;
using InvestmentCrm.Web.Identity;

namespace InvestmentCrm.Web.Pages.Reports;

/// <summary>
/// Who may see which documents: Admin and Leader see all; Staff see the briefs of projects of their team or that
/// they own, and every chain-gap report.
/// </summary>
public static class ReportAccess
{
    public static bool SeesAll(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Leader);

    /// <summary>The query's own parameters plus @All, @TeamId and @UserId, which the visibility conditions use.</summary>
    public static Dapper.DynamicParameters Parameters(ClaimsPrincipal user, object query)
    {
        var parameters = new Dapper.DynamicParameters(query);
        parameters.Add("All", SeesAll(user) ? 1 : 0);
        parameters.Add("TeamId", user.TeamId());
        parameters.Add("UserId", user.UserId());
        return parameters;
    }

    public static async Task<bool> CanSeeProjectAsync(IDb db, ClaimsPrincipal user, string code, CancellationToken ct) =>
        await db.ExecuteScalarAsync<long>(Sql.VisibleProject, Parameters(user, new { Code = code }), ct) > 0;

    /// <summary>A condition (not a statement) on Documents d left-joined to Projects p on the brief's project.</summary>
    public const string VisibleDocument =
        "(@All = 1 OR d.Kind <> 'brief' OR p.TeamId = @TeamId OR p.OwnerUserId = @UserId)";

    public static class Sql
    {

        public const string VisibleProject =
            "SELECT COUNT(*) FROM Projects p WHERE p.Code = @Code AND (@All = 1 OR p.TeamId = @TeamId OR p.OwnerUserId = @UserId)";
    }
}
