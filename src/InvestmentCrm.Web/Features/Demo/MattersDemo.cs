using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// The demo's coordination matters, dated relative to the seeding day so that one is always overdue (JJ2026-004's
/// land-use adjustment, on a project that is red already) and the others are in progress, open or resolved. They are
/// back-dated, as if raised weeks ago, which the matter writer rightly refuses (a new matter's deadline is not in the
/// past), so they are written here directly, with JJ2026-006's start date (开工). Never adds anything twice; skipped
/// while the demo projects are missing.
/// </summary>
public static class MattersDemo
{
    public const string OverdueProject = "JJ2026-004";

    private static readonly (string Code, string Category, string Description, string? Department, string? Person, int RaisedDaysAgo, int DueInDays, string Status, string? Resolution, int ResolvedDaysAgo, string By)[] Matters =
    [
        (OverdueProject, "land", "项目用地规划条件调整尚未批复，影响服务中心装修进场。", "区自然资源和规划分局", null, 25, -5, "open", null, 0, "STAFF2@DEMO.LOCAL"),
        ("JJ2026-006", "power", "技改扩产新厂房需双回路供电接入，供电方案待审定。", "国网椒江供电公司", "王工", 10, 40, "in_progress", null, 0, "STAFF1@DEMO.LOCAL"),
        ("JJ2026-006", "approvals", "扩产厂房施工许可证办理。", "区住房和城乡建设局", null, 40, -30, "resolved", "已核发施工许可证，企业已进场施工。", 32, "LEADER@DEMO.LOCAL"),
        ("JJ2026-003", "water", "华东制造基地工业用水管网接入方案需提前对接。", "区水务集团", "李科长", 6, 45, "open", null, 0, "STAFF1@DEMO.LOCAL"),
    ];

    public static async Task<int> SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<IDb>();
        var overdueProject = await db.ExecuteScalarAsync<long?>(DemoProjects.Sql.ProjectId, new { Code = OverdueProject }, ct);
        if (overdueProject is null || await db.ExecuteScalarAsync<long>(Sql.Count, new { ProjectId = overdueProject }, ct) > 0)
        {
            return 0;
        }

        var today = services.GetRequiredService<ProjectLookups>().Today;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var m in Matters)
        {
            var projectId = await db.ExecuteScalarAsync<long?>(DemoProjects.Sql.ProjectId, new { m.Code }, ct);
            if (projectId is null)
            {
                continue;
            }

            await db.ExecuteAsync(Sql.Insert, new
            {
                ProjectId = projectId,
                m.Category,
                m.Description,
                m.Department,
                ResponsiblePerson = m.Person,
                DueOn = today.AddDays(m.DueInDays),
                m.Status,
                m.Resolution,
                ResolvedOn = m.Resolution is null ? (DateOnly?)null : today.AddDays(-m.ResolvedDaysAgo),
                RaisedByUserId = await db.ExecuteScalarAsync<long?>(DemoProjects.Sql.UserId, new { Email = m.By }, ct),
                RaisedAtUtc = now.AddDays(-m.RaisedDaysAgo),
                Now = now,
            }, ct);
            added++;
        }

        // JJ2026-006 was imported at "started" (signed 2026-03-20): the day it broke ground, as its milestone.
        await db.ExecuteAsync(Sql.Started, new { Code = "JJ2026-006", On = new DateOnly(2026, 5, 18) }, ct);
        return added;
    }

    internal static class Sql
    {
        public const string Started = "UPDATE Projects SET StartedOn = @On WHERE Code = @Code AND StartedOn IS NULL";

        public const string Count = "SELECT COUNT(*) FROM CoordinationMatters WHERE ProjectId = @ProjectId";

        public const string Insert = """
            INSERT INTO CoordinationMatters (ProjectId, Category, Description, Department, ResponsiblePerson, DueOn, Status, Resolution,
                                             ResolvedOn, RaisedByUserId, RaisedAtUtc, Version, UpdatedAtUtc)
            VALUES (@ProjectId, @Category, @Description, @Department, @ResponsiblePerson, @DueOn, @Status, @Resolution,
                    @ResolvedOn, @RaisedByUserId, @RaisedAtUtc, 1, @Now)
            """;
    }
}
