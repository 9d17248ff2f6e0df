using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>Creating, editing and moving projects through the pages: stage rules, history, concurrency, audit.</summary>
public sealed class ProjectPipelineTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private static string Error(IDocument page) =>
        string.Join(" ", page.QuerySelectorAll(".text-danger, .alert-danger").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));

    private async Task<IDocument> MoveAsync(TestBrowser browser, string code, Dictionary<string, string> values)
    {
        var page = await browser.PageAsync("/projects/" + code);
        var response = await browser.SubmitAsync(page, "[data-testid=move-form]", values);
        return response.StatusCode == HttpStatusCode.OK ? await TestBrowser.ParseAsync(response) : await browser.FollowAsync(response);
    }

    private Task<string> StageAsync(string code) => app.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = @Code", new { Code = code });

    [Fact]
    public async Task Lost_needs_a_reason_and_signing_needs_date_and_amount_and_a_signing_counts_once()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var signedBefore = await SignedCountAsync(staff1);

        var noReason = await MoveAsync(staff1, "JJ2026-003", new() { ["Move.ToStage"] = "lost", ["Move.Note"] = "" });
        Assert.Contains("必须填写原因", Error(noReason));
        Assert.Equal("negotiation", await StageAsync("JJ2026-003"));

        var noDate = await MoveAsync(staff1, "JJ2026-003", new() { ["Move.ToStage"] = "signed", ["Move.ContractedInvestmentWan"] = "15000" });
        Assert.Contains("签约日期", Error(noDate));
        Assert.Equal("15000", noDate.QuerySelector<IHtmlInputElement>("#Move_ContractedInvestmentWan")!.Value);
        Assert.Equal("negotiation", await StageAsync("JJ2026-003"));

        var signedOn = app.Today.AddDays(-1).ToString("yyyy-MM-dd");
        var signed = await MoveAsync(staff1, "JJ2026-003", new() { ["Move.ToStage"] = "signed", ["Move.SignedOn"] = signedOn, ["Move.ContractedInvestmentWan"] = "15000" });
        Assert.Equal("signed", signed.QuerySelector("[data-testid=stage]")!.GetAttribute("data-stage"));
        Assert.Equal(signedBefore + 1, await SignedCountAsync(staff1));

        await MoveAsync(staff1, "JJ2026-003", new() { ["Move.ToStage"] = "negotiation", ["Move.Note"] = "合同条款重新谈判", ["Move.ConfirmBackward"] = "true" });
        var again = await MoveAsync(staff1, "JJ2026-003", new() { ["Move.ToStage"] = "signed" });
        Assert.Equal("signed", again.QuerySelector("[data-testid=stage]")!.GetAttribute("data-stage"));
        Assert.Equal(signedOn, await app.ScalarAsync<string>("SELECT SignedOn FROM Projects WHERE Code = 'JJ2026-003'"));
        Assert.Equal(signedBefore + 1, await SignedCountAsync(staff1));

        var lost = await MoveAsync(staff1, "JJ2026-003", new() { ["Move.ToStage"] = "lost", ["Move.Note"] = "企业改投外省" });
        Assert.Equal("lost", lost.QuerySelector("[data-testid=stage]")!.GetAttribute("data-stage"));
        var timeline = lost.QuerySelectorAll("[data-testid=timeline] li[data-kind=stage]").Select(li => li.GetAttribute("data-to")).ToList();
        Assert.Equal(["lost", "signed", "negotiation", "signed", "negotiation"], timeline);
        Assert.Contains("企业改投外省", lost.QuerySelector("[data-testid=timeline]")!.TextContent);
        Assert.Equal(4L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM ProjectStageChanges s JOIN Projects p ON p.Id = s.ProjectId WHERE p.Code = 'JJ2026-003' AND s.ChangedByUserId IS NOT NULL"));
        Assert.Equal(4L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'Project' AND EntityId = 'JJ2026-003' AND Action = 'stage' AND ActorName = 'staff1@demo.local'"));
    }

    private static async Task<int> SignedCountAsync(TestBrowser browser)
    {
        var text = (await browser.PageAsync("/")).QuerySelector("[data-testid=signed-count]")!.TextContent;
        return int.Parse(new string(text.Where(char.IsDigit).ToArray()));
    }

    [Fact]
    public async Task Reaching_in_production_turns_the_enterprise_local_and_audits_both()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        const string yina = "91330110MA25215KAT";
        Assert.Equal("prospect", await app.ScalarAsync<string>("SELECT Kind FROM Enterprises WHERE Uscc = @Uscc", new { Uscc = yina }));

        var moved = await MoveAsync(staff1, "JJ2026-001", new()
        {
            ["Move.ToStage"] = "in_production",
            ["Move.SignedOn"] = app.Today.ToString("yyyy-MM-dd"),
            ["Move.ContractedInvestmentWan"] = "50000",
        });

        Assert.Equal("in_production", moved.QuerySelector("[data-testid=stage]")!.GetAttribute("data-stage"));
        Assert.Equal("local", await app.ScalarAsync<string>("SELECT Kind FROM Enterprises WHERE Uscc = @Uscc", new { Uscc = yina }));
        var enterpriseId = await app.ScalarAsync<long>("SELECT Id FROM Enterprises WHERE Uscc = @Uscc", new { Uscc = yina });
        Assert.Contains("local", await app.ScalarAsync<string>("SELECT Changes FROM AuditLog WHERE EntityType = 'Enterprise' AND EntityId = @Id ORDER BY Id DESC LIMIT 1", new { Id = enterpriseId.ToString() }));
    }

    [Fact]
    public async Task The_second_of_two_concurrent_edits_is_refused_and_keeps_its_input()
    {
        using var first = await app.AsAsync("staff2@demo.local");
        using var second = await app.AsAsync("staff2@demo.local");
        var formA = await first.PageAsync("/projects/JJ2026-005/edit");
        var formB = await second.PageAsync("/projects/JJ2026-005/edit");

        var saved = await first.SubmitAsync(formA, "[data-testid=project-form]", new Dictionary<string, string> { ["Form.Title"] = "华缝新材料专用钢材一期" });
        Assert.Equal("/projects/JJ2026-005", saved.Headers.Location!.OriginalString);

        var refused = await second.SubmitAsync(formB, "[data-testid=project-form]", new Dictionary<string, string>
        {
            ["Form.Title"] = "华缝新材料专用钢材二期",
            ["Form.PlannedInvestmentWan"] = "26000",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await TestBrowser.ParseAsync(refused);
        Assert.Contains("他人", page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal("华缝新材料专用钢材二期", page.QuerySelector<IHtmlInputElement>("#Form_Title")!.Value);
        Assert.Equal("26000", page.QuerySelector<IHtmlInputElement>("#Form_PlannedInvestmentWan")!.Value);
        Assert.Equal("华缝新材料专用钢材一期", await app.ScalarAsync<string>("SELECT Title FROM Projects WHERE Code = 'JJ2026-005'"));

        var audit = await app.ScalarAsync<string>("SELECT Changes FROM AuditLog WHERE EntityType = 'Project' AND EntityId = 'JJ2026-005' AND Action = 'update'");
        Assert.Contains("\"Title\":[\"华缝新材料缝制设备专用钢材项目\",\"华缝新材料专用钢材一期\"]", audit);

        // Saving again from the refused form now overwrites knowingly: the form carries the version it was shown with.
        var retry = await second.SubmitAsync(page, "[data-testid=project-form]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal("华缝新材料专用钢材二期", await app.ScalarAsync<string>("SELECT Title FROM Projects WHERE Code = 'JJ2026-005'"));
    }

    [Fact]
    public async Task Create_form_takes_enterprise_and_nodes_from_the_query_string()
    {
        using var staff2 = await app.AsAsync("staff2@demo.local");
        var enterpriseId = await app.ScalarAsync<long>("SELECT Id FROM Enterprises WHERE Uscc = '91330110MA25215KAT'");

        var form = await staff2.PageAsync($"/projects/create?enterpriseId={enterpriseId}&nodes=SEW:HANG");
        // The pickers show the chosen enterprise and node by name; the form carries the USCC and the node's id.
        Assert.Equal("91330110MA25215KAT", form.QuerySelector<IHtmlInputElement>("#Form_Enterprise")!.Value);
        Assert.Contains("浙江衣拿智能科技有限公司", form.QuerySelector("[data-picker-current]")!.TextContent);
        var chosen = form.QuerySelectorAll<IHtmlInputElement>("input[name='Form.Nodes']").Where(o => o.IsChecked).Select(o => o.GetAttribute("data-node")).ToList();
        Assert.Equal(["SEW:HANG"], chosen);
        Assert.Contains("智能吊挂系统", form.QuerySelector("[data-testid=node-choices] label[for]")!.TextContent);

        var empty = await staff2.SubmitAsync(form, "[data-testid=project-form]", new Dictionary<string, string> { ["Form.Title"] = "" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var again = await TestBrowser.ParseAsync(empty);
        Assert.Equal("91330110MA25215KAT", again.QuerySelector<IHtmlInputElement>("#Form_Enterprise")!.Value);

        var created = await staff2.SubmitAsync(again, "[data-testid=project-form]", new Dictionary<string, string> { ["Form.Title"] = "衣拿智能吊挂二期", ["Form.PlannedInvestmentWan"] = "12000" });
        var detail = await staff2.FollowAsync(created);
        Assert.Equal("lead", detail.QuerySelector("[data-testid=stage]")!.GetAttribute("data-stage"));
        Assert.NotNull(detail.QuerySelector("[data-testid=nodes] [data-node='SEW:HANG']"));
        var code = created.Headers.Location!.OriginalString["/projects/".Length..];
        Assert.Matches(@"^JJ\d{4}-\d{3}$", code);
        Assert.Equal("staff2@demo.local", await app.ScalarAsync<string>("SELECT u.Email FROM Projects p JOIN Users u ON u.Id = p.OwnerUserId WHERE p.Code = @Code", new { Code = code }));
    }

    [Fact]
    public async Task Admin_filters_the_audit_log_by_type_actor_and_dates_and_staff_cannot_open_it()
    {
        using var staff2 = await app.AsAsync("staff2@demo.local");
        var page = await staff2.PageAsync("/projects/JJ2026-004");
        await staff2.FollowAsync(await staff2.SubmitAsync(page, "[data-testid=activity-form]", new Dictionary<string, string>
        {
            ["Activity.Kind"] = "meeting",
            ["Activity.Summary"] = "审计测试会议",
        }));
        Assert.NotEqual(HttpStatusCode.OK, (await staff2.GetAsync("/admin/audit")).StatusCode);

        using var admin = await app.AsAsync("admin@demo.local");
        var today = app.Today.ToString("yyyy-MM-dd");
        var found = await admin.PageAsync($"/admin/audit?entity=Project&actor=staff2&from={today}&to={today}");
        var rows = found.QuerySelectorAll("[data-testid=audit] tbody tr");
        Assert.Contains(rows, r => r.TextContent.Contains("审计测试会议") && r.TextContent.Contains("JJ2026-004"));
        // Found by the e-mail typed in the filter, shown by name (the e-mail as the admin's tooltip).
        Assert.All(rows, r => Assert.Equal("陈晓燕", r.QuerySelector("[data-testid=actor]")!.TextContent.Trim()));
        Assert.All(rows, r => Assert.Equal("staff2@demo.local", r.QuerySelector("[data-testid=actor] .person")!.GetAttribute("title")));

        var tomorrow = app.Today.AddDays(1).ToString("yyyy-MM-dd");
        Assert.Empty((await admin.PageAsync($"/admin/audit?entity=Project&from={tomorrow}")).QuerySelectorAll("[data-testid=audit] tbody tr"));
    }

    [Fact]
    public async Task Admin_sets_annual_targets_and_the_dashboards_measure_against_them()
    {
        using var admin = await app.AsAsync("admin@demo.local");
        // The demo's own targets (Demo/TargetsDemo) were audited when it was loaded: this test counts its two changes.
        var audited = await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'TeamTarget'");
        var form = await admin.PageAsync("/admin/targets");
        var teamOne = await app.ScalarAsync<long>("SELECT Id FROM Teams WHERE Name = '招商一科'");
        var index = form.QuerySelectorAll("[data-testid=targets-form] tbody tr").Select(r => r.GetAttribute("data-team")).ToList().IndexOf(teamOne.ToString());
        var bad = await admin.SubmitAsync(form, "[data-testid=targets-form]", new Dictionary<string, string> { ["Targets[0].TargetWan"] = "-5" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);

        var saved = await admin.SubmitAsync(form, "[data-testid=targets-form]", new Dictionary<string, string>
        {
            ["Targets[0].TargetWan"] = "200000",
            [$"Targets[{index}].TargetWan"] = "80000",
        });
        await admin.FollowAsync(saved);

        using var leader = await app.AsAsync("leader@demo.local");
        Assert.Contains("200,000", (await leader.PageAsync("/")).QuerySelector("[data-testid=target]")!.TextContent);
        using var staff1 = await app.AsAsync("staff1@demo.local");
        Assert.Contains("80,000", (await staff1.PageAsync("/")).QuerySelector("[data-testid=target]")!.TextContent);
        Assert.Equal(audited + 2, await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'TeamTarget'"));
    }
}
