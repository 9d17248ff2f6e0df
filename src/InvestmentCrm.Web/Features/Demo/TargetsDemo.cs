using System.Globalization;
using InvestmentCrm.Web.Features.Dashboard;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// The demo's annual targets for the year it is loaded in (signed investment and funds in place, 万元): the bureau's
/// and each demo team's, so a new user's dashboard measures the demo signings against a target and draws the target
/// line of the signing trend instead of reading "no target". The figures are the size of a district bureau's year
/// (the demo signs 6.5 亿 in 2026 against 15 亿). Written as /admin/targets writes them, audited; a year that has any
/// target already is left as it is, so running the loader again never overrides what an administrator set.
/// </summary>
public static class TargetsDemo
{
    /// <summary>Per team (null: the bureau): signed-investment target, funds-in-place target.</summary>
    private static readonly (string? Team, decimal TargetWan, decimal FundsTargetWan)[] Targets =
    [
        (null, 150_000m, 60_000m),
        ("招商一科", 90_000m, 36_000m),
        ("招商二科", 60_000m, 24_000m),
    ];

    public static async Task<int> SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<IDb>();
        var audit = services.GetRequiredService<AuditLog>();
        var year = services.GetRequiredService<ProjectLookups>().Today.Year;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (await db.ExecuteScalarAsync<long>(Sql.Count, new { Year = year }, ct) > 0)
        {
            return 0;
        }

        return await db.InTransactionAsync(async session =>
        {
            var added = 0;
            foreach (var (team, targetWan, fundsTargetWan) in Targets)
            {
                var teamId = team is null ? null : await session.ExecuteScalarAsync<long?>(Sql.TeamId, new { Name = team });
                if (team is not null && teamId is null)
                {
                    continue;
                }

                await session.ExecuteAsync(TargetsModel.Sql.Insert, new { Year = year, TeamId = teamId, TargetWan = targetWan, FundsTargetWan = fundsTargetWan, Now = now });
                await audit.WriteAsync(session, "TeamTarget", $"{year}/{teamId?.ToString(CultureInfo.InvariantCulture) ?? "all"}", "update", AuditLog.Diff(
                    new Dictionary<string, object?> { ["TargetWan"] = null, ["FundsTargetWan"] = null },
                    new Dictionary<string, object?> { ["TargetWan"] = targetWan, ["FundsTargetWan"] = fundsTargetWan }));
                added++;
            }

            return added;
        }, ct);
    }

    internal static class Sql
    {
        public const string Count = "SELECT COUNT(*) FROM TeamTargets WHERE Year = @Year";

        public const string TeamId = "SELECT Id FROM Teams WHERE Name = @Name";
    }
}
