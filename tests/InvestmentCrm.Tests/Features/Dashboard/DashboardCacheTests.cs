using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Dashboard;

/// <summary>
/// The dashboard's figures are cached per scope and day (Dashboard/DashboardCache): each kind of write, made as a
/// user makes it, shows on the very next view, and no one is handed the figures cached for another scope.
/// </summary>
public sealed class DashboardCacheTests(ProjectsApp app) : IClassFixture<ProjectsApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Text(IDocument page, string testId) => page.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static async Task<(string Total, string Overdue, string Signed, string Funnel)> FiguresAsync(TestBrowser browser)
    {
        var page = await browser.PageAsync("/");
        return (Text(page, "projects-total"), Text(page, "overdue-count"), Text(page, "signed-count"), Text(page, "funnel"));
    }

    [Fact]
    public async Task A_stage_move_a_follow_up_a_new_project_and_an_import_each_show_on_the_next_view()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var start = await FiguresAsync(staff1);
        Assert.Equal(start, await FiguresAsync(staff1));

        // Stage move: signing changes the year's signings and the funnel.
        var project = await staff1.PageAsync("/projects/JJ2026-003");
        await staff1.FollowAsync(await staff1.SubmitAsync(project, "[data-testid=move-form]", new Dictionary<string, string>
        {
            ["Move.ToStage"] = "signed",
            ["Move.SignedOn"] = app.Today.ToString("yyyy-MM-dd"),
            ["Move.ContractedInvestmentWan"] = "15000",
        }));
        var moved = await FiguresAsync(staff1);
        Assert.NotEqual(start.Signed, moved.Signed);
        Assert.NotEqual(start.Funnel, moved.Funnel);

        // A follow-up whose next step was due yesterday: one more overdue.
        var detail = await staff1.PageAsync("/projects/JJ2026-003");
        await staff1.FollowAsync(await staff1.SubmitAsync(detail, "[data-testid=activity-form]", new Dictionary<string, string>
        {
            ["Activity.Kind"] = "call",
            ["Activity.Summary"] = "电话沟通签约后续事项。",
            ["Activity.NextStep"] = "补交材料",
            ["Activity.NextStepDueOn"] = app.Today.AddDays(-1).ToString("yyyy-MM-dd"),
        }));
        var followedUp = await FiguresAsync(staff1);
        Assert.Equal(long.Parse(moved.Overdue) + 1, long.Parse(followedUp.Overdue));

        // A new project through the create form.
        var enterpriseId = await app.ScalarAsync<long>("SELECT Id FROM Enterprises WHERE Uscc = '91330110MA25215KAT'");
        var form = await staff1.PageAsync($"/projects/create?enterpriseId={enterpriseId}&nodes=SEW:HANG");
        await staff1.FollowAsync(await staff1.SubmitAsync(form, "[data-testid=project-form]", new Dictionary<string, string> { ["Form.Title"] = "缓存测试新项目" }));
        var created = await FiguresAsync(staff1);
        Assert.Equal(long.Parse(followedUp.Total) + 1, long.Parse(created.Total));

        // An import of two projects owned by staff1.
        using (var scope = app.Services.CreateScope())
        {
            var staff1Id = await app.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'staff1@demo.local'");
            var rows = new[] { "JJ2099-901", "JJ2099-902" }.Select(code => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
            {
                ["code"] = code, ["title"] = "导入缓存测试" + code, ["enterprise_uscc"] = "91330110MA25215KAT", ["stage"] = "lead",
                ["owner_email"] = "staff1@demo.local", ["planned_investment_wan"] = "1000", ["land_mu"] = "", ["expected_output_wan"] = "",
                ["expected_tax_wan"] = "", ["source"] = "other", ["target_nodes"] = "SEW:HANG", ["signed_on"] = "",
            });
            var summary = await scope.ServiceProvider.GetRequiredService<ProjectImporter>()
                .ImportAsync(ImportTestFiles.ReadCsvText(ImportTestFiles.CsvText(Web.Features.Projects.ProjectImport.Header, rows)), staff1Id);
            Assert.Equal(2, summary.Created);
        }

        Assert.Equal(long.Parse(created.Total) + 2, long.Parse((await FiguresAsync(staff1)).Total));
    }

    [Fact]
    public async Task Each_scope_gets_its_own_figures_even_when_another_scope_was_cached_first()
    {
        // What each scope sees, computed from scratch by the query the project list uses.
        var all = await app.ScalarAsync<long>("SELECT COUNT(*) FROM Projects");
        var teamOf = async (string email) => await app.ScalarAsync<long>(
            "SELECT COUNT(*) FROM Projects p WHERE p.OwnerUserId = (SELECT Id FROM Users WHERE Email = @Email) OR p.TeamId = (SELECT TeamId FROM Users WHERE Email = @Email)",
            new { Email = email });

        using var leader = await app.AsAsync("leader@demo.local");
        using var staff2 = await app.AsAsync("staff2@demo.local");
        using var staff1 = await app.AsAsync("staff1@demo.local");
        Assert.Equal(all.ToString("N0"), (await FiguresAsync(leader)).Total);
        Assert.Equal((await teamOf("staff2@demo.local")).ToString("N0"), (await FiguresAsync(staff2)).Total);
        var staff1Page = await staff1.PageAsync("/");
        Assert.Equal((await teamOf("staff1@demo.local")).ToString("N0"), Text(staff1Page, "projects-total"));
        Assert.NotEqual(all, await teamOf("staff1@demo.local"));
        // staff2's projects are never named on staff1's dashboard.
        Assert.DoesNotContain("JJ2026-002", staff1Page.DocumentElement.OuterHtml);
        Assert.DoesNotContain("JJ2026-005", staff1Page.DocumentElement.OuterHtml);
    }
}
