using System.Net;
using System.Text;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>
/// Who sees which demo project, on every page that shows projects. staff1 (招商一科) owns JJ2026-001/003/006,
/// staff2 (招商二科) owns 002/004/005, staff3 is staff1's teammate; leader and admin see all six.
/// </summary>
public sealed class ProjectVisibilityTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private static readonly string[] TeamOne = ["JJ2026-001", "JJ2026-003", "JJ2026-006"];
    private static readonly string[] TeamTwo = ["JJ2026-002", "JJ2026-004", "JJ2026-005"];
    private static readonly string[] All = [.. TeamOne, .. TeamTwo];

    public static TheoryData<string, string[]> Viewers() => new()
    {
        { "staff1@demo.local", TeamOne },
        { ProjectsApp.Teammate, TeamOne },
        { "staff2@demo.local", TeamTwo },
        { "leader@demo.local", All },
        { "admin@demo.local", All },
    };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task List_board_export_and_dashboard_show_exactly_the_visible_projects(string email, string[] visible)
    {
        using var browser = await app.AsAsync(email);

        var list = await browser.PageAsync("/projects");
        Assert.Equal(visible.Order(), list.QuerySelectorAll("tr[data-project]").Select(r => r.GetAttribute("data-project")!).Order());

        var board = await browser.PageAsync("/projects/board");
        Assert.Equal(visible.Order(), board.QuerySelectorAll(".kanban-card").Select(c => c.GetAttribute("data-code")!).Order());
        Assert.Equal(visible.Length, board.QuerySelectorAll("[data-testid=count]").Sum(c => int.Parse(c.TextContent)));

        var export = await browser.GetAsync("/projects/export");
        var csv = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync());
        var exported = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[0].TrimStart('\uFEFF'));
        Assert.Equal(visible.Order(), exported.Order());

        var dashboard = await browser.PageAsync("/");
        Assert.Equal(visible.Length.ToString(), dashboard.QuerySelector("[data-testid=projects-total]")!.TextContent);
        Assert.Equal(visible.Length, dashboard.QuerySelectorAll("[data-testid=funnel] td.count").Sum(c => int.Parse(c.TextContent)));

        foreach (var code in All)
        {
            var response = await browser.GetAsync("/projects/" + code);
            Assert.Equal(visible.Contains(code) ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_enterprise_page_lists_only_the_projects_the_reader_may_see()
    {
        var id = await app.ScalarAsync<long>("SELECT Id FROM Enterprises WHERE Uscc = '91330212MA2KQ17KLM'"); // 芯动, JJ2026-002 (staff2)
        using var staff2 = await app.AsAsync("staff2@demo.local");
        var own = await staff2.PageAsync($"/enterprises/{id}");
        Assert.NotNull(own.QuerySelector("[data-testid=enterprise-projects] tr[data-project='JJ2026-002']"));

        using var staff1 = await app.AsAsync("staff1@demo.local");
        var other = await staff1.PageAsync($"/enterprises/{id}");
        Assert.NotNull(other.QuerySelector("[data-testid=enterprise-projects]"));
        Assert.Null(other.QuerySelector("[data-testid=enterprise-projects] tr[data-project]"));
    }

    [Fact]
    public async Task Search_and_filters_never_reach_past_the_scope()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");

        // 芯动 is staff2's enterprise: searching for it, or filtering by staff2 as owner, finds nothing for staff1.
        Assert.NotNull((await staff1.PageAsync("/projects?q=芯动")).QuerySelector("[data-testid=empty]"));
        var staff2Id = await app.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'staff2@demo.local'");
        Assert.NotNull((await staff1.PageAsync($"/projects?owner={staff2Id}")).QuerySelector("[data-testid=empty]"));
        var csv = await (await staff1.GetAsync($"/projects/export?owner={staff2Id}")).Content.ReadAsStringAsync();
        Assert.Single(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(HttpStatusCode.NotFound, (await staff1.GetAsync("/projects/JJ2026-002/edit")).StatusCode);
    }

    [Fact]
    public async Task A_teammate_reads_but_cannot_edit_move_or_log_on_a_colleagues_project()
    {
        using var teammate = await app.AsAsync(ProjectsApp.Teammate);

        var detail = await teammate.PageAsync("/projects/JJ2026-001");
        Assert.NotNull(detail.QuerySelector("[data-testid=read-only]"));
        Assert.Null(detail.QuerySelector("a[href='/projects/JJ2026-001/edit']"));
        Assert.Null(detail.QuerySelector("[data-testid=move-form]"));
        Assert.Null(detail.QuerySelector("[data-testid=activity-form]"));
        Assert.NotEqual(HttpStatusCode.OK, (await teammate.GetAsync("/projects/JJ2026-001/edit")).StatusCode);

        var board = await teammate.PageAsync("/projects/board");
        Assert.All(board.QuerySelectorAll(".kanban-card"), card => Assert.Equal("false", card.GetAttribute("draggable")));
        var token = board.QuerySelector("#board-token input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var move = await teammate.Client.PostAsync("/projects/board?handler=Move", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["code"] = "JJ2026-001",
            ["move.ToStage"] = "negotiation",
            ["move.Version"] = "1",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, move.StatusCode);
        Assert.Equal("site_visit", await app.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = 'JJ2026-001'"));
    }

    [Fact]
    public async Task Leaders_see_everything_but_only_comment_and_staff_may_not_comment()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        var detail = await leader.PageAsync("/projects/JJ2026-002");
        Assert.Null(detail.QuerySelector("[data-testid=move-form]"));
        // Leaders do create projects, for a Staff member they choose (ProjectCreateRulesTests).
        Assert.NotNull((await leader.PageAsync("/projects")).QuerySelector("a[href='/projects/create']"));

        var posted = await leader.SubmitAsync(detail, "[data-testid=comment-form]", new Dictionary<string, string> { ["Comment.Body"] = "请加快推进基金合作。" });
        await leader.FollowAsync(posted);

        using var staff2 = await app.AsAsync("staff2@demo.local");
        Assert.Contains("请加快推进基金合作。", (await staff2.PageAsync("/projects/JJ2026-002")).QuerySelector("[data-testid=comments]")!.TextContent);
        Assert.Null((await staff2.PageAsync("/projects/JJ2026-002")).QuerySelector("[data-testid=comment-form]"));
        var own = await staff2.PageAsync("/projects/JJ2026-002");
        var token = own.QuerySelector("[data-testid=activity-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var staffComment = await staff2.Client.PostAsync("/projects/JJ2026-002?handler=Comment", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Comment.Body"] = "自己批示自己",
        }));
        Assert.Contains("/account/accessdenied", staffComment.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM ProjectComments"));
    }
}
