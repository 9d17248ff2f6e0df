using System.Net;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>Follow-ups, my tasks and 三色预警 against a fake clock. The demo follow-ups are dated relative to the
/// seeding day: JJ2026-001's 寄送园区用地方案 was due 30 days ago, 提交投资协议草案 is due in 3 days; JJ2026-005
/// has been quiet for 70 days and JJ2026-004 for 75; JJ2026-003's last follow-up was 8 days ago.</summary>
public sealed class ProjectFollowUpTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private static IEnumerable<string> Rows(IDocument page, string testId) =>
        page.QuerySelectorAll($"[data-testid={testId}] [data-project]").Select(r => r.TextContent);

    [Fact]
    public async Task My_tasks_split_overdue_and_upcoming_follow_ups_and_marking_done_clears_them_and_time_turns_projects_yellow_then_red()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var mine = await staff1.PageAsync("/projects/mine");
        Assert.Contains(Rows(mine, "overdue"), r => r.Contains("寄送园区用地方案"));
        Assert.Contains(Rows(mine, "upcoming"), r => r.Contains("提交投资协议草案"));
        Assert.DoesNotContain(Rows(mine, "overdue"), r => r.Contains("安排基金管理人会面")); // staff2's
        var dashboard = await staff1.PageAsync("/");
        Assert.Equal(Rows(mine, "overdue").Count().ToString(), dashboard.QuerySelector("[data-testid=overdue-count]")!.TextContent);

        var done = await staff1.SubmitAsync(mine, "[data-testid=overdue] tr[data-project='JJ2026-001'] form", new Dictionary<string, string>());
        Assert.Equal("/projects/mine", done.Headers.Location!.OriginalString);
        Assert.DoesNotContain(Rows(await staff1.PageAsync("/projects/mine"), "overdue"), r => r.Contains("寄送园区用地方案"));

        // staff2's quiet JJ2026-004 and JJ2026-005 are red for staff2 and invisible to staff1.
        using var staff2 = await app.AsAsync("staff2@demo.local");
        var red = await staff2.PageAsync("/projects?health=red");
        Assert.Equal(["JJ2026-004", "JJ2026-005"], red.QuerySelectorAll("tr[data-project]").Select(r => r.GetAttribute("data-project")).Order());
        Assert.NotNull(red.QuerySelector("tr[data-project='JJ2026-005'] [data-health=red]"));
        Assert.Contains(Rows(await staff2.PageAsync("/"), "quiet-list"), r => r.Contains("JJ2026-005"));
        Assert.Equal("0", dashboard.QuerySelector("[data-testid=red-count]")!.TextContent);

        // 25 days on, JJ2026-003's last follow-up is 33 days old: yellow. The upcoming step is overdue now.
        app.Clock.Advance(TimeSpan.FromDays(25));
        using var later = await app.AsAsync("staff1@demo.local");
        var yellow = await later.PageAsync("/projects?health=yellow");
        Assert.Contains("JJ2026-003", yellow.QuerySelectorAll("tr[data-project]").Select(r => r.GetAttribute("data-project")));
        Assert.Contains(Rows(await later.PageAsync("/projects/mine"), "overdue"), r => r.Contains("提交投资协议草案"));

        // Logging a follow-up today makes it green again.
        var detail = await later.PageAsync("/projects/JJ2026-003");
        Assert.NotNull(detail.QuerySelector("[data-health=yellow]"));
        var logged = await later.SubmitAsync(detail, "[data-testid=activity-form]", new Dictionary<string, string>
        {
            ["Activity.Kind"] = "call",
            ["Activity.Summary"] = "电话确认土地出让条件。",
            ["Activity.NextStep"] = "报送用地预审",
            ["Activity.NextStepDueOn"] = app.Today.AddDays(2).ToString("yyyy-MM-dd"),
        });
        var after = await later.FollowAsync(logged);
        Assert.Null(after.QuerySelector("[data-health]"));
        Assert.Equal("call", after.QuerySelector("[data-testid=timeline] li.timeline-activity")!.GetAttribute("data-kind"));
        Assert.Contains(Rows(await later.PageAsync("/projects/mine"), "upcoming"), r => r.Contains("报送用地预审"));
    }

    [Fact]
    public async Task A_follow_up_in_the_future_or_without_summary_is_refused_with_the_input_kept()
    {
        using var staff2 = await app.AsAsync("staff2@demo.local");
        var page = await staff2.PageAsync("/projects/JJ2026-002");
        var before = await app.ScalarAsync<long>("SELECT COUNT(*) FROM Activities");

        var response = await staff2.SubmitAsync(page, "[data-testid=activity-form]", new Dictionary<string, string>
        {
            ["Activity.Kind"] = "visit",
            ["Activity.OccurredOn"] = app.Today.AddDays(3).ToString("yyyy-MM-dd"),
            ["Activity.Summary"] = "",
            ["Activity.Participants"] = "芯动电机 董事长",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await TestBrowser.ParseAsync(response);
        Assert.Contains("不能晚于今天", form.QuerySelector("[data-testid=activity-form]")!.TextContent);
        Assert.Equal("芯动电机 董事长", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Activity_Participants")!.Value);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT COUNT(*) FROM Activities"));
    }
}
