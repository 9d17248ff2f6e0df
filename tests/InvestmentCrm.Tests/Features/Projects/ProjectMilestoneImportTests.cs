using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>The milestone dates (开工 started_on, 投产 in_production_on) in the projects file: imported where the project
/// has none, kept once like the signing date (a stored date never moves), exported beside the signing date so the
/// export re-imports unchanged, and checked (stage, order, not in the future).</summary>
public sealed class ProjectMilestoneImportTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private static Dictionary<string, string> Row(string code, string stage, string signed, string started, string inProduction) => new()
    {
        ["code"] = code, ["title"] = "里程碑导入" + code, ["enterprise_uscc"] = "91330110MA25215KAT", ["stage"] = stage,
        ["owner_email"] = "staff1@demo.local", ["planned_investment_wan"] = "1000", ["land_mu"] = "", ["expected_output_wan"] = "",
        ["expected_tax_wan"] = "", ["source"] = "other", ["target_nodes"] = "SEW:HANG", ["signed_on"] = signed,
        ["started_on"] = started, ["in_production_on"] = inProduction,
    };

    private async Task<ProjectImportSummary> ImportAsync(params IReadOnlyDictionary<string, string>[] rows)
    {
        await app.ReadyAsync();
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ProjectImporter>()
            .ImportAsync(ImportTestFiles.ReadCsvText(ImportTestFiles.CsvText(ProjectImport.Header, rows)), null);
    }

    [Fact]
    public async Task Milestone_dates_import_once_are_kept_afterwards_and_export_beside_the_signing_date()
    {
        var created = await ImportAsync(Row("MS-1", "in_production", "2025-01-10", "2025-03-01", "2025-09-30"));
        Assert.True(created.Ok, string.Join("\n", created.Problems));
        Assert.Equal("2025-03-01|2025-09-30", await app.ScalarAsync<string>("SELECT StartedOn || '|' || InProductionOn FROM Projects WHERE Code = 'MS-1'"));

        // JJ2026-006 started on 2026-05-18 (demo): another start date in a file does not move it.
        const string MilestoneAudits = "SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'Project' AND EntityId = 'JJ2026-006' AND Action = 'milestones'";
        var audits = await app.ScalarAsync<long>(MilestoneAudits);
        var kept = await ImportAsync(Row("JJ2026-006", "started", "2026-03-20", "2026-04-01", ""));
        Assert.Equal("2026-05-18", await app.ScalarAsync<string>("SELECT StartedOn FROM Projects WHERE Code = 'JJ2026-006'"));
        Assert.Equal(audits, await app.ScalarAsync<long>(MilestoneAudits));
        Assert.True(kept.Ok, string.Join("\n", kept.Problems));

        var rows = await ProjectExport.RowsAsync(app.Db, Web.Domain.Projects.ProjectScope.Everything, new ProjectFilter(), app.Services.GetRequiredService<ProjectLookups>().Cutoffs(app.Today), default);
        var exported = rows.Single(r => r.Code == "MS-1");
        Assert.Equal((new DateOnly(2025, 3, 1), new DateOnly(2025, 9, 30)), (exported.StartedOn, exported.InProductionOn));
        Assert.Equal(1, (await ImportAsync(Row("MS-1", "in_production", "2025-01-10", "2025-03-01", "2025-09-30"))).Unchanged);
    }

    [Fact]
    public async Task Milestone_dates_before_the_stage_reached_them_out_of_order_or_in_the_future_are_refused()
    {
        var future = app.Today.AddDays(1).ToString("yyyy-MM-dd");
        var result = await ImportAsync(
            Row("MS-2", "negotiation", "", "2025-03-01", ""),
            Row("MS-3", "in_production", "2025-01-10", "2025-03-01", "2025-02-01"),
            Row("MS-4", "started", "2025-01-10", future, ""),
            Row("MS-5", "started", "2025-01-10", "2024-12-31", ""));

        Assert.False(result.Ok);
        ImportTestFiles.AssertProblem(result.Problems, 2, "started_on", "Import.Error.MilestoneNotAllowed");
        ImportTestFiles.AssertProblem(result.Problems, 3, "in_production_on", "Import.Error.MilestoneTooEarly");
        ImportTestFiles.AssertProblem(result.Problems, 4, "started_on", "Import.Error.DateInFuture");
        ImportTestFiles.AssertProblem(result.Problems, 5, "started_on", "Import.Error.MilestoneTooEarly");
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM Projects WHERE Code LIKE 'MS-%' AND Code <> 'MS-1'"));
    }
}
