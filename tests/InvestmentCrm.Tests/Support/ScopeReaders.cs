using System.Text.RegularExpressions;

namespace InvestmentCrm.Tests.Support;

/// <summary>
/// The demo's Staff members and, for each, the projects DESIGN.md says they may see (own, or their team's) and all
/// the others, by code, computed from the database: the scope tests check responses against these, not against a
/// hand-kept list.
/// </summary>
public static class ScopeReaders
{
    public sealed record Reader(long Id, string Email, long? TeamId);

    private sealed record ProjectRow(string Code, long OwnerUserId, long? TeamId);

    /// <summary>Every enabled Staff member of the demo.</summary>
    public static async Task<IReadOnlyList<Reader>> StaffAsync(AppFactory app)
    {
        var staff = await app.Db.QueryAsync<Reader>("""
            SELECT u.Id, u.Email, u.TeamId
            FROM Users u
            WHERE u.IsDisabled = 0
              AND u.Id IN (SELECT ur.UserId FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE r.NormalizedName = 'STAFF')
            ORDER BY u.Email
            """);
        Assert.True(staff.Count >= 2, "the demo has Staff members in two teams");
        return staff;
    }

    /// <summary>The reader's projects (own, or their team's) and everybody else's, by code.</summary>
    public static async Task<(IReadOnlyList<string> Allowed, IReadOnlyList<string> Forbidden)> CodesAsync(AppFactory app, Reader reader)
    {
        var projects = await app.Db.QueryAsync<ProjectRow>("SELECT Code, OwnerUserId, TeamId FROM Projects ORDER BY Code");
        var allowed = projects.Where(p => p.OwnerUserId == reader.Id || (reader.TeamId is not null && p.TeamId == reader.TeamId)).Select(p => p.Code).ToList();
        var forbidden = projects.Select(p => p.Code).Except(allowed).ToList();
        Assert.NotEmpty(allowed);
        Assert.NotEmpty(forbidden);
        return (allowed, forbidden);
    }

    /// <summary>The codes that appear in the text as whole codes (JJ2026-001 is not part of JJ2026-0012).</summary>
    public static IEnumerable<string> Named(string text, IEnumerable<string> codes) =>
        codes.Where(code => Regex.IsMatch(text, $"(?<![A-Za-z0-9_-]){Regex.Escape(code)}(?![A-Za-z0-9_-])"));
}
