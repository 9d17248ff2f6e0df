using Microsoft.Extensions.Options;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// The demo projects (Demo/demo-projects.csv, loaded through the project import like any file) and a few follow-ups
/// relative to today: some overdue, some due this week, so the dashboard and my-tasks page have something to show.
/// Runs after the demo enterprises; skipped while they are missing; never adds anything twice.
/// </summary>
public static class DemoProjects
{
    public const string Resource = "Demo/demo-projects.csv";

    public const string FirstCode = "JJ2026-001";

    /// <summary>Imports the demo projects and adds their follow-ups; returns how many of each it created.</summary>
    public static async Task<(int Projects, int FollowUps)> SeedAsync(IServiceProvider services, ILogger logger, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<IDb>();
        if (await db.ExecuteScalarAsync<long?>(Sql.ProjectId, new { Code = FirstCode }, ct) is not null)
        {
            return (0, 0);
        }

        TabularReadResult file;
        using (var stream = typeof(DemoProjects).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing."))
        {
            file = TabularFile.Read(stream, Resource, services.GetRequiredService<IOptions<ImportLimits>>().Value);
        }

        var summary = await services.GetRequiredService<ProjectImporter>().ImportAsync(file, null, ct);
        if (!summary.Ok)
        {
            // The demo enterprises come with their own step; without them the projects wait for the next run.
            logger.LogInformation("Demo projects skipped: {Problems}", string.Join("; ", summary.Problems.Take(3)));
            return (0, 0);
        }

        var projectFollowUps = services.GetRequiredService<ProjectFollowUps>();
        var today = services.GetRequiredService<ProjectWriter>().Today;
        var staff1 = await db.ExecuteScalarAsync<long?>(Sql.UserId, new { Email = "STAFF1@DEMO.LOCAL" }, ct);
        var staff2 = await db.ExecuteScalarAsync<long?>(Sql.UserId, new { Email = "STAFF2@DEMO.LOCAL" }, ct);
        var followUps = new (string Code, string Kind, int DaysAgo, string Participants, string Summary, string NextStep, int DueInDays, long? By)[]
        {
            ("JJ2026-001", "visit", 40, "衣拿智能 副总经理；李招商", "赴杭州拜访企业总部，介绍椒江缝制装备产业园和吊挂系统本地配套需求。", "寄送园区用地方案", -30, staff1),
            ("JJ2026-001", "site_inspection", 12, "衣拿智能 考察团；园区管委会", "企业考察团实地考察园区标准厂房及周边缝制整机企业。", "提交投资协议草案", 3, staff1),
            ("JJ2026-002", "call", 20, "芯动电机 董事长秘书", "电话沟通封测项目选址要求和基金合作方式。", "安排基金管理人会面", -5, staff2),
            ("JJ2026-003", "meeting", 8, "云裁 总经理；招商一科", "洽谈华东制造基地的用地规模与设备投资进度。", "确认土地出让条件", 5, staff1),
            ("JJ2026-004", "email", 75, "织云 区域负责人", "邮件确认服务中心注册地址。", "", 0, staff2),
            ("JJ2026-006", "visit", 3, "飞跃缝制 副总经理", "了解技改扩产项目开工后的进度和用工需求。", "协调用工招聘对接会", 10, staff1),
        };
        var added = 0;
        foreach (var f in followUps)
        {
            var projectId = await db.ExecuteScalarAsync<long?>(Sql.ProjectId, new { f.Code }, ct);
            if (projectId is null)
            {
                continue;
            }

            var occurred = today.AddDays(-f.DaysAgo);
            await projectFollowUps.AddActivityAsync(projectId.Value, new ActivityInput(f.Kind, occurred, f.Participants, f.Summary,
                f.NextStep.Length == 0 ? null : f.NextStep, f.NextStep.Length == 0 ? null : today.AddDays(f.DueInDays)), f.By, ct);
            added++;
        }

        // The demo projects were "created" today, but their follow-ups go back weeks: the last one counts.
        // JJ2026-005 has been quiet for ten weeks and JJ2026-004 since its signing: red on the dashboard.
        await db.ExecuteAsync(Sql.LastFollowUp, ct: ct);
        await db.ExecuteAsync(Sql.Quiet, new { Code = "JJ2026-005", On = today.AddDays(-70) }, ct);
        return (summary.Created, added);
    }

    internal static class Sql
    {
        public const string ProjectId = "SELECT Id FROM Projects WHERE Code = @Code";

        public const string UserId = "SELECT Id FROM Users WHERE NormalizedEmail = @Email";

        public const string LastFollowUp = """
            UPDATE Projects SET LastActivityOn = (SELECT MAX(a.OccurredOn) FROM Activities a WHERE a.ProjectId = Projects.Id)
            WHERE Code LIKE 'JJ2026-%' AND EXISTS (SELECT 1 FROM Activities a WHERE a.ProjectId = Projects.Id)
            """;

        public const string Quiet = "UPDATE Projects SET LastActivityOn = @On WHERE Code = @Code";
    }
}
