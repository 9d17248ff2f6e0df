using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Dashboard;

/// <summary>
/// The annual signed-investment targets (set at /admin/targets) as the dashboard and the weekly digest read them:
/// the bureau's own target, or, for a year without one, the sum of its teams' targets; a team's own target.
/// </summary>
public static class SigningTargets
{
    public static Task<decimal?> BureauAsync(IDb db, int year, CancellationToken ct) =>
        db.ExecuteScalarAsync<decimal?>(Sql.Bureau, new { Year = year }, ct);

    public static Task<decimal?> TeamAsync(IDb db, int year, long teamId, CancellationToken ct) =>
        db.ExecuteScalarAsync<decimal?>(Sql.Team, new { Year = year, TeamId = teamId }, ct);

    internal static class Sql
    {
        public const string Bureau = """
            SELECT COALESCE((SELECT TargetWan FROM TeamTargets WHERE Year = @Year AND TeamId IS NULL),
                            (SELECT SUM(TargetWan) FROM TeamTargets WHERE Year = @Year AND TeamId IS NOT NULL))
            """;

        public const string Team = "SELECT TargetWan FROM TeamTargets WHERE Year = @Year AND TeamId = @TeamId";
    }
}
