using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Funds;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// The demo's funds in place (到位资金): entries on the started JJ2026-006 (domestic and foreign, the foreign one with
/// its US-dollar amount) and the signed JJ2026-004, written through <see cref="FundsWriter"/> (its rules and audit) by
/// the projects' owners. Dated back from the seeding day but never before the signing nor before 1 January, so the
/// dashboard's funds in place of the year is filled on any day; an entry whose day another already holds is left
/// out. Never adds anything twice; skipped while the demo projects are missing.
/// </summary>
public static class FundsDemo
{
    private static readonly (string Code, int DaysAgo, decimal AmountWan, string Kind, decimal? AmountUsd, string Note, string By)[] Entries =
    [
        ("JJ2026-006", 150, 12000m, FundsInPlace.Domestic, null, "首期技改设备款到位", "STAFF1@DEMO.LOCAL"),
        ("JJ2026-006", 60, 7100m, FundsInPlace.Foreign, 10_000_000m, "外方股东增资到位", "STAFF1@DEMO.LOCAL"),
        ("JJ2026-006", 10, 5000m, FundsInPlace.Domestic, null, "厂房建设进度款", "STAFF1@DEMO.LOCAL"),
        ("JJ2026-004", 30, 1500m, FundsInPlace.Domestic, null, "服务中心装修款到位", "STAFF2@DEMO.LOCAL"),
    ];

    public static async Task<int> SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<IDb>();
        var writer = services.GetRequiredService<FundsWriter>();
        var first = await db.ExecuteScalarAsync<long?>(DemoProjects.Sql.ProjectId, new { Code = Entries[0].Code }, ct);
        if (first is null || await db.ExecuteScalarAsync<long>(Sql.Count, new { ProjectId = first }, ct) > 0)
        {
            return 0;
        }

        var today = writer.Today;
        var added = 0;
        foreach (var e in Entries)
        {
            var project = await db.QuerySingleOrDefaultAsync<ProjectRow>(Sql.Project, new { e.Code }, ct);
            if (project is null)
            {
                continue;
            }

            var day = new[] { today.AddDays(-e.DaysAgo), new DateOnly(today.Year, 1, 1), project.SignedOn ?? DateOnly.MinValue }.Max();
            var by = await db.ExecuteScalarAsync<long?>(DemoProjects.Sql.UserId, new { Email = e.By }, ct);
            var result = await writer.AddAsync(project.Id, new FundsInput(day > today ? today : day, e.AmountWan, e.Kind, e.AmountUsd, e.Note), by, ct);
            added += result.Succeeded ? 1 : 0;
        }

        return added;
    }

    private sealed class ProjectRow
    {
        public long Id { get; set; }
        public DateOnly? SignedOn { get; set; }
    }

    internal static class Sql
    {
        public const string Project = "SELECT Id, SignedOn FROM Projects WHERE Code = @Code";

        public const string Count = "SELECT COUNT(*) FROM FundsInPlace WHERE ProjectId = @ProjectId";
    }
}
