using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Dashboard;

/// <summary>
/// The annual funds-in-place targets (set at /admin/targets beside the signing targets) and the year's funds in place
/// against them, as the dashboard reads them: the bureau's own target, or, for a year without one, the sum of its
/// teams' targets (as <see cref="SigningTargets"/>); a team's own target; and, for who sees every project, each team's
/// funds in place beside its target.
/// </summary>
public static class FundsTargets
{
    public static Task<decimal?> BureauAsync(IDb db, int year, CancellationToken ct) =>
        db.ExecuteScalarAsync<decimal?>(Sql.Bureau, new { Year = year }, ct);

    public static Task<decimal?> TeamAsync(IDb db, int year, long teamId, CancellationToken ct) =>
        db.ExecuteScalarAsync<decimal?>(Sql.Team, new { Year = year, TeamId = teamId }, ct);

    /// <summary>Every team with funds in place in the year or a funds target for it, by name.</summary>
    public static async Task<IReadOnlyList<TeamFunds>> ByTeamAsync(IDb db, int year, CancellationToken ct)
    {
        var parameters = new Dapper.DynamicParameters(FundsInPlace.Year(year));
        parameters.Add("Year", year);
        var teams = await db.QueryAsync<TeamFunds>(Sql.ByTeam, parameters, ct);
        return [.. teams.Where(t => t.TargetWan is not null || t.InPlaceWan is not null)];
    }

    public sealed class TeamFunds
    {
        public long TeamId { get; set; }
        public string TeamName { get; set; } = "";
        public decimal? InPlaceWan { get; set; }
        public decimal? TargetWan { get; set; }
    }

    internal static class Sql
    {
        public const string Bureau = """
            SELECT COALESCE((SELECT FundsTargetWan FROM TeamTargets WHERE Year = @Year AND TeamId IS NULL),
                            (SELECT SUM(FundsTargetWan) FROM TeamTargets WHERE Year = @Year AND TeamId IS NOT NULL))
            """;

        public const string Team = "SELECT FundsTargetWan FROM TeamTargets WHERE Year = @Year AND TeamId = @TeamId";

        public const string ByTeam = """
            SELECT t.Id AS TeamId, t.Name AS TeamName, tt.FundsTargetWan AS TargetWan, x.InPlaceWan
            FROM Teams t
            LEFT JOIN TeamTargets tt ON tt.TeamId = t.Id AND tt.Year = @Year
            LEFT JOIN (SELECT p.TeamId, SUM(f.AmountWan) AS InPlaceWan
                       FROM FundsInPlace f
                       JOIN Projects p ON p.Id = f.ProjectId
                       WHERE
            """ + " " + FundsInPlace.InPeriod + """

                       GROUP BY p.TeamId) x ON x.TeamId = t.Id
            ORDER BY t.Name
            """;
    }
}
