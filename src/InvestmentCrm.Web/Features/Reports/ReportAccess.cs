using System.Security.Claims;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Reports;

/// <summary>
/// Who may see which documents, by the project scope (<see cref="ProjectScope"/>): a brief goes with its project
/// (Staff their own and their team's, Leaders and Admins all). Every other kind — the chain-gap report — names
/// every team's projects — the chain-gap report, the bureau's dispatch report — and is a leadership document: Leaders and Admins only, in the report list, the gap page
/// and by its download address. (Staff read the gaps on the gap pages, which name only their own projects.)
/// </summary>
public static class ReportAccess
{
    /// <summary>A condition (not a statement) on Documents d left-joined to Projects p on the brief's project.</summary>
    public const string VisibleDocument = "((d.Kind = 'brief' AND " + ProjectScope.Filter + ") OR (d.Kind <> 'brief' AND @ScopeAll = 1))";

    /// <summary>The query's own parameters plus the scope's, which the visibility conditions use.</summary>
    public static Dapper.DynamicParameters Parameters(ClaimsPrincipal user, object query) => ProjectScope.For(user).AddTo(query);

    /// <summary>The kinds of document the user may find in the report list.</summary>
    public static IReadOnlyList<string> Kinds(ClaimsPrincipal user) =>
        ProjectScope.For(user).SeesAll ? [DocumentKinds.Brief, DocumentKinds.ChainGap, DocumentKinds.Dispatch] : [DocumentKinds.Brief];

    /// <summary>Whether the user may read the chain-gap reports (<see cref="VisibleDocument"/> in C#).</summary>
    public static bool CanSeeChainGapReports(ClaimsPrincipal user) => ProjectScope.For(user).SeesAll;

    public static async Task<bool> CanSeeProjectAsync(IDb db, ClaimsPrincipal user, string code, CancellationToken ct) =>
        await db.ExecuteScalarAsync<long>(Sql.VisibleProject, Parameters(user, new { Code = code }), ct) > 0;

    public static class Sql
    {
        public const string VisibleProject = "SELECT COUNT(*) FROM Projects p WHERE p.Code = @Code AND " + ProjectScope.Filter;
    }
}
