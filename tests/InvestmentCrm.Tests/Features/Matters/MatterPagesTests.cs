using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Matters;

/// <summary>
/// Coordination matters through HTTP: raised from the project page's panel, edited, resolved and reopened on their
/// page, listed at /matters, each change audited; who may see and change them follows the project scope. The demo
/// has JJ2026-004's land matter (staff2, 招商二科) overdue since 5 days, JJ2026-006's power matter in progress and its
/// approvals matter resolved, JJ2026-003's water matter open (both staff1, 招商一科).
/// </summary>
public sealed class MatterPagesTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private static IEnumerable<string?> Listed(IDocument page, string attribute = "data-project") =>
        page.QuerySelectorAll("[data-testid=matters] tr[data-matter]").Select(r => r.GetAttribute(attribute));

    private string Day(int fromToday) => app.Today.AddDays(fromToday).ToString("yyyy-MM-dd");

    private async Task<long> MatterIdAsync(string code, string category) =>
        await app.ScalarAsync<long>("SELECT m.Id FROM CoordinationMatters m JOIN Projects p ON p.Id = m.ProjectId WHERE p.Code = @Code AND m.Category = @Category",
            new { Code = code, Category = category });

    [Fact]
    public async Task A_matter_raised_on_the_project_page_shows_there_and_in_the_list_and_is_audited()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var project = await staff1.PageAsync("/projects/JJ2026-001");
        Assert.Contains("区自然资源和规划分局", project.QuerySelectorAll("#matter-departments option").Select(o => o.GetAttribute("value"))); // suggestions

        var response = await staff1.SubmitAsync(project, "[data-testid=matter-form]", new Dictionary<string, string>
        {
            ["Form.Category"] = "approvals",
            ["Form.Description"] = "吊挂系统生产基地环评审批需提前介入。",
            ["Form.Department"] = "市生态环境局椒江分局",
            ["Form.DueOn"] = Day(7),
        });

        Assert.Equal("/projects/JJ2026-001#matters", response.Headers.Location!.OriginalString);
        var after = await staff1.FollowAsync(response);
        var item = Assert.Single(after.QuerySelectorAll("[data-testid=matters] li[data-matter]"));
        Assert.Contains("吊挂系统生产基地环评审批", item.TextContent);
        Assert.Equal("open", item.GetAttribute("data-status"));
        var list = await staff1.PageAsync("/matters?Department=" + Uri.EscapeDataString("市生态环境局椒江分局"));
        Assert.Equal(["JJ2026-001"], Listed(list));
        var id = await MatterIdAsync("JJ2026-001", "approvals");
        var audit = await app.ScalarAsync<string>("SELECT Changes FROM AuditLog WHERE EntityType = 'Matter' AND EntityId = @Id AND Action = 'create'", new { Id = id.ToString() });
        Assert.Equal("市生态环境局椒江分局", JsonDocument.Parse(audit).RootElement.GetProperty("Values").GetProperty("Department").GetString());
    }

    [Theory]
    [InlineData("", "区水务集团", "+3", "请填写需协调的问题。")]
    [InlineData("管网接入", "", "+3", "请填写责任单位或责任人（至少一项）。")]
    [InlineData("管网接入", "区水务集团", "-1", "新提出事项的办结时限不能早于今天。")]
    [InlineData("管网接入", "区水务集团", "2026-13-45", "办结时限")]
    [InlineData("管网接入", "区水务集团", "", "请填写办结时限。")]
    public async Task A_matter_with_missing_text_or_a_bad_deadline_is_refused_in_chinese_with_the_input_kept(string description, string department, string due, string message)
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var before = await app.ScalarAsync<long>("SELECT COUNT(*) FROM CoordinationMatters");
        var dueValue = due.StartsWith('+') || due.StartsWith('-') ? Day(int.Parse(due, System.Globalization.CultureInfo.InvariantCulture)) : due;

        var response = await staff1.SubmitAsync(await staff1.PageAsync("/projects/JJ2026-003"), "[data-testid=matter-form]", new Dictionary<string, string>
        {
            ["Form.Category"] = "water",
            ["Form.Description"] = description,
            ["Form.Department"] = department,
            ["Form.ResponsiblePerson"] = "",
            ["Form.DueOn"] = dueValue,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-testid=matter-form]")!.TextContent);
        Assert.Equal(description, page.QuerySelector<IHtmlTextAreaElement>("#Form_Description")!.Value);
        Assert.Equal(department, page.QuerySelector<IHtmlInputElement>("#Form_Department")!.Value);
        Assert.Equal(dueValue, page.QuerySelector<IHtmlInputElement>("#Form_DueOn")!.Value);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT COUNT(*) FROM CoordinationMatters"));
    }

    [Fact]
    public async Task Resolving_needs_the_resolution_and_reopening_needs_a_confirmation_and_both_are_audited_old_to_new()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local", "en");
        var id = await MatterIdAsync("JJ2026-006", "power");
        var form = await staff1.PageAsync($"/projects/JJ2026-006/matters/{id}?resolve=true");
        Assert.Equal("resolved", form.QuerySelector<IHtmlSelectElement>("#Form_Status")!.Value);

        var refused = await staff1.SubmitAsync(form, "[data-testid=matter-form]", new Dictionary<string, string> { ["Form.Resolution"] = "" });
        Assert.Contains("Enter the resolution to resolve the matter.", (await TestBrowser.ParseAsync(refused)).QuerySelector("[data-testid=matter-form]")!.TextContent);
        Assert.Equal("in_progress", await app.ScalarAsync<string>("SELECT Status FROM CoordinationMatters WHERE Id = @Id", new { Id = id }));

        var resolved = await staff1.SubmitAsync(form, "[data-testid=matter-form]", new Dictionary<string, string> { ["Form.Resolution"] = "双回路供电方案已审定。" });
        var project = await staff1.FollowAsync(resolved);
        Assert.Equal("resolved", project.QuerySelector($"[data-testid=matters] li[data-matter='{id}']")!.GetAttribute("data-status"));
        var audit = JsonDocument.Parse(await app.ScalarAsync<string>(
            "SELECT Changes FROM AuditLog WHERE EntityType = 'Matter' AND EntityId = @Id AND Action = 'resolve'", new { Id = id.ToString() })).RootElement.GetProperty("Changes");
        Assert.Equal(["in_progress", "resolved"], audit.GetProperty("Status").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(app.Today.ToString("yyyy-MM-dd"), audit.GetProperty("ResolvedOn")[1].GetString());

        // Reopening without the confirmation changes nothing and says why; with it, the matter is open again.
        var edit = await staff1.PageAsync($"/projects/JJ2026-006/matters/{id}");
        var unconfirmed = await staff1.SubmitAsync(edit, "[data-testid=matter-form]", new Dictionary<string, string> { ["Form.Status"] = "open" });
        Assert.Contains("tick the confirmation to reopen it", (await TestBrowser.ParseAsync(unconfirmed)).QuerySelector("[data-testid=matter-form]")!.TextContent);
        Assert.Equal("resolved", await app.ScalarAsync<string>("SELECT Status FROM CoordinationMatters WHERE Id = @Id", new { Id = id }));
        var reopened = await staff1.SubmitAsync(edit, "[data-testid=matter-form]", new Dictionary<string, string> { ["Form.Status"] = "open", ["Form.ConfirmReopen"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.Equal("open|", await app.ScalarAsync<string>("SELECT Status || '|' || COALESCE(Resolution, '') FROM CoordinationMatters WHERE Id = @Id", new { Id = id }));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'Matter' AND EntityId = @Id AND Action = 'reopen'", new { Id = id.ToString() }));
    }

    [Fact]
    public async Task Staff_of_another_team_see_no_matter_of_it_anywhere_and_teammates_and_leaders_read_but_only_leaders_change()
    {
        var foreign = await MatterIdAsync("JJ2026-004", "land"); // staff2's, 招商二科
        using var staff1 = await app.AsAsync("staff1@demo.local");
        Assert.DoesNotContain("JJ2026-004", Listed(await staff1.PageAsync("/matters")));
        Assert.Equal(HttpStatusCode.NotFound, (await staff1.GetAsync($"/projects/JJ2026-004/matters/{foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff1.GetAsync("/projects/JJ2026-004/matters")).StatusCode);
        // A matter id of another project under one's own project is not found either.
        Assert.Equal(HttpStatusCode.NotFound, (await staff1.GetAsync($"/projects/JJ2026-003/matters/{foreign}")).StatusCode);
        var own = await staff1.PageAsync("/projects/JJ2026-003");
        var posted = await staff1.Client.PostAsync($"/projects/JJ2026-004/matters/{foreign}", new FormUrlEncodedContent(
            TestBrowser.FormFields((IHtmlFormElement)own.QuerySelector("[data-testid=matter-form]")!)));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);

        // staff1's teammate reads JJ2026-003's matters but may not raise or change them.
        using var teammate = await app.AsAsync(ProjectsApp.Teammate);
        var shared = await teammate.PageAsync("/projects/JJ2026-003");
        Assert.NotEmpty(shared.QuerySelectorAll("[data-testid=matters] li[data-matter]"));
        Assert.Null(shared.QuerySelector("[data-testid=matter-form]"));
        Assert.Contains("JJ2026-003", Listed(await teammate.PageAsync("/matters")));
        Assert.Contains("/account/accessdenied", (await teammate.GetAsync("/projects/JJ2026-003/matters")).Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        var token = shared.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value; // the teammate's own (the logout form's)
        var teammatePost = await teammate.Client.PostAsync("/projects/JJ2026-003/matters", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Form.Category"] = "land",
            ["Form.Description"] = "越权提出",
            ["Form.Department"] = "某局",
            ["Form.DueOn"] = Day(5),
        }));
        Assert.Contains("/account/accessdenied", teammatePost.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM CoordinationMatters WHERE Description = '越权提出'"));

        // Leaders see every team's matters and raise them anywhere.
        using var leader = await app.AsAsync("leader@demo.local");
        var all = Listed(await leader.PageAsync("/matters")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "JJ2026-003", "JJ2026-004", "JJ2026-006" }, all);
        var raised = await leader.PostFormAsync("/projects/JJ2026-004", "[data-testid=matter-form]", new Dictionary<string, string>
        {
            ["Form.Category"] = "financing",
            ["Form.Description"] = "服务中心装修贷款对接。",
            ["Form.ResponsiblePerson"] = "区金融办 周主任",
            ["Form.DueOn"] = Day(10),
        });
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
    }

    [Fact]
    public async Task The_list_filters_by_status_overdue_team_and_chain_sorts_pages_and_says_when_nothing_matches()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        var overdue = await leader.PageAsync("/matters?Overdue=true");
        Assert.Equal(["JJ2026-004"], Listed(overdue));
        Assert.NotNull(overdue.QuerySelector("tr[data-project='JJ2026-004'] [data-overdue=true]"));
        Assert.All(Listed(await leader.PageAsync("/matters?Status=resolved"), "data-status"), s => Assert.Equal("resolved", s));
        Assert.All(Listed(await leader.PageAsync("/matters?Status=unresolved"), "data-status"), s => Assert.NotEqual("resolved", s));

        var team2 = await app.ScalarAsync<long>("SELECT Id FROM Teams WHERE Name = '招商二科'");
        Assert.All(Listed(await leader.PageAsync($"/matters?Team={team2}")), c => Assert.Contains(c, new[] { "JJ2026-002", "JJ2026-004", "JJ2026-005" }));
        var sew = await app.ScalarAsync<long>("SELECT Id FROM Chains WHERE Code = 'SEW'");
        Assert.NotEmpty(Listed(await leader.PageAsync($"/matters?Chain={sew}")));

        var byDue = Listed(await leader.PageAsync("/matters?sort=due"), "data-due").ToList();
        Assert.True(byDue.Count >= 4);
        Assert.Equal(byDue.Order(StringComparer.Ordinal), byDue);
        Assert.Equal(byDue.OrderDescending(StringComparer.Ordinal), Listed(await leader.PageAsync("/matters?sort=-due"), "data-due"));

        var empty = await leader.PageAsync("/matters?Department=" + Uri.EscapeDataString("不存在的部门"));
        Assert.Contains("没有符合条件的记录", empty.QuerySelector("[data-testid=empty]")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/matters?p=999&sort=bogus&Status=bogus")).StatusCode);
    }
}
