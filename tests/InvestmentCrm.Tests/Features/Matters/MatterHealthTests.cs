using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Matters;

/// <summary>An overdue coordination matter turns its project red (三色预警, Domain/Projects/ProjectHealth) on every page
/// that shows the warning, from the day after its deadline in the app's time zone until it is resolved. Its own
/// class: it moves the clock.</summary>
public sealed class MatterHealthTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    [Fact]
    public async Task A_matter_past_its_deadline_turns_a_green_project_red_everywhere_until_it_is_resolved()
    {
        var staff1 = await app.AsAsync("staff1@demo.local");
        var project = await staff1.PageAsync("/projects/JJ2026-006"); // started, followed up 3 days ago: green
        Assert.Null(project.QuerySelector("[data-health]"));
        var raised = await staff1.SubmitAsync(project, "[data-testid=matter-form]", new Dictionary<string, string>
        {
            ["Form.Category"] = "land",
            ["Form.Description"] = "二期用地红线待确认。",
            ["Form.Department"] = "区自然资源和规划分局",
            ["Form.DueOn"] = app.Today.AddDays(1).ToString("yyyy-MM-dd"),
        });
        Assert.Null((await staff1.FollowAsync(raised)).QuerySelector("[data-health]"));
        var redBefore = (await staff1.PageAsync("/")).QuerySelector("[data-testid=red-count]")!.TextContent;

        // On the deadline it is not overdue yet; the day after it is.
        // (A new sign-in each day: the session cookie does not outlive a day of the fake clock.)
        app.Clock.Advance(TimeSpan.FromDays(1));
        staff1.Dispose();
        staff1 = await app.AsAsync("staff1@demo.local");
        Assert.Null((await staff1.PageAsync("/projects/JJ2026-006")).QuerySelector("[data-health]"));
        app.Clock.Advance(TimeSpan.FromDays(1));
        staff1.Dispose();
        staff1 = await app.AsAsync("staff1@demo.local");
        var red = await staff1.PageAsync("/projects/JJ2026-006");
        Assert.Equal("red", red.QuerySelector("[data-health]")!.GetAttribute("data-health"));
        Assert.NotNull(red.QuerySelector("[data-testid=matters] [data-overdue=true]"));
        Assert.Contains("JJ2026-006", (await staff1.PageAsync("/projects?health=red")).QuerySelectorAll("tr[data-project]").Select(r => r.GetAttribute("data-project")));
        Assert.NotNull((await staff1.PageAsync("/projects")).QuerySelector("tr[data-project='JJ2026-006'] [data-health=red]"));
        Assert.NotNull((await staff1.PageAsync("/projects/board")).QuerySelector("[data-code='JJ2026-006'] [data-health=red]"));
        var dashboard = await staff1.PageAsync("/");
        Assert.Equal(int.Parse(redBefore) + 1, int.Parse(dashboard.QuerySelector("[data-testid=red-count]")!.TextContent));
        Assert.Contains("JJ2026-006", dashboard.QuerySelector("[data-testid=quiet-list]")!.TextContent);
        Assert.Contains("JJ2026-006", (await staff1.PageAsync("/matters?Overdue=true")).QuerySelector("[data-testid=matters]")!.TextContent);

        var id = await app.ScalarAsync<long>("SELECT Id FROM CoordinationMatters WHERE Description = '二期用地红线待确认。'");
        var form = await staff1.PageAsync($"/projects/JJ2026-006/matters/{id}?resolve=true");
        var resolved = await staff1.SubmitAsync(form, "[data-testid=matter-form]", new Dictionary<string, string> { ["Form.Resolution"] = "红线已确认。" });
        Assert.Null((await staff1.FollowAsync(resolved)).QuerySelector("[data-health]"));
        Assert.Equal(redBefore, (await staff1.PageAsync("/")).QuerySelector("[data-testid=red-count]")!.TextContent);
        staff1.Dispose();
    }
}
