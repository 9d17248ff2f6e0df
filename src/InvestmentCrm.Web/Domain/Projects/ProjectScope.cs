using System.Security.Claims;
using Dapper;
using InvestmentCrm.Web.Infrastructure.Identity;

namespace InvestmentCrm.Web.Domain.Projects;

/// <summary>
/// Who sees which projects, as one SQL filter that every page, export, count and report uses, so none can forget
/// it: Staff see the projects they own and those of their own team; Leaders and Admins see all of them.
/// Write <see cref="Filter"/> into a WHERE clause over <c>Projects p</c> and add <see cref="AddTo"/>'s parameters.
/// </summary>
public sealed record ProjectScope(long UserId, long? TeamId, bool SeesAll, bool IsAdmin, bool IsLeader)
{
    /// <summary>The filter on the alias <c>p</c>; parameters @ScopeAll, @ScopeUserId, @ScopeTeamId.</summary>
    public const string Filter =
        "(@ScopeAll = 1 OR p.OwnerUserId = @ScopeUserId OR (@ScopeTeamId IS NOT NULL AND p.TeamId = @ScopeTeamId))";

    /// <summary>Whether the user <c>u</c> sees all projects (a Leader or an Admin), as a column <c>SeesAll</c> (1 or 0),
    /// for readers who are not signed in here: mail recipients, calendar feeds.</summary>
    public const string SeesAllColumn = """
        CASE WHEN EXISTS (SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId
                          WHERE ur.UserId = u.Id AND r.NormalizedName IN ('ADMIN', 'LEADER')) THEN 1 ELSE 0 END AS SeesAll
        """;

    /// <summary>Nobody: for requests without a signed-in user.</summary>
    public static readonly ProjectScope Nobody = new(0, null, false, false, false);

    public static ProjectScope For(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.UserId() is not { } id)
        {
            return Nobody;
        }

        var admin = user.IsInRole(Roles.Admin);
        var leader = user.IsInRole(Roles.Leader);
        return new ProjectScope(id, user.TeamId(), admin || leader, admin, leader);
    }

    /// <summary>Everything: for the command line and jobs.</summary>
    public static ProjectScope Everything { get; } = new(0, null, true, true, false);

    /// <summary>The filter for another alias than <c>p</c>.</summary>
    public static string FilterOn(string alias) => Filter.Replace("p.", alias + ".", StringComparison.Ordinal);

    /// <summary>The scope's parameters added to a query's own ones.</summary>
    public DynamicParameters AddTo(object? parameters = null)
    {
        var result = new DynamicParameters(parameters);
        result.Add("ScopeAll", SeesAll ? 1 : 0);
        result.Add("ScopeUserId", UserId);
        result.Add("ScopeTeamId", TeamId);
        return result;
    }

    public bool CanSee(long ownerUserId, long? teamId) =>
        SeesAll || ownerUserId == UserId || (TeamId is not null && teamId == TeamId);

    /// <summary>Owners edit their projects; Admins edit all; Leaders and teammates only read.</summary>
    public bool CanEdit(long ownerUserId) => IsAdmin || (ownerUserId == UserId && UserId != 0);

    /// <summary>A reader who is not signed in here, such as a mail recipient: their user, team and whether they see all.</summary>
    public static ProjectScope ForReader(long userId, long? teamId, bool seesAll) => new(userId, teamId, seesAll, false, false);

    /// <summary>
    /// Who creates projects, one rule for every button and page: Staff create projects they own; Leaders create
    /// them for a Staff member they choose (they hand out the work, as they may import projects); Admins create
    /// them for anyone.
    /// </summary>
    public bool CanCreate => UserId != 0;

    /// <summary>Leaders and Admins choose a new project's owner; Staff always own what they create.</summary>
    public bool ChoosesOwner => IsAdmin || IsLeader;

    /// <summary>Whether this creator may make the user the owner of a new project (see <see cref="CanCreate"/>).</summary>
    public bool MayAssign(long ownerUserId, bool ownerIsStaff) =>
        UserId != 0 && (IsAdmin || (IsLeader ? ownerIsStaff : ownerUserId == UserId));

    public bool CanComment => IsLeader || IsAdmin;

    /// <summary>Who raises, edits and closes a project's coordination matters (and its funds in place): whoever may
    /// edit the project, and Leaders, who chase the matters at the dispatch meeting.</summary>
    public bool CanManageMatters(long ownerUserId) => CanEdit(ownerUserId) || IsLeader;
}
