using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>
/// A click on "确认变更" moved a signed project back to lead: the stage select preselected 线索. Now it preselects
/// "no change", and a move back must be confirmed with a reason (server-side: the page without script shows a
/// confirmation step, the board's POST is refused), and is recorded with its reason.
/// </summary>
public sealed class StageMoveBackTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private static string Error(IDocument page) =>
        string.Join(" ", page.QuerySelectorAll(".text-danger, .alert-danger").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));

    private Task<string> StageAsync(string code) => app.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = @Code", new { Code = code });

    private Task<long> HistoryAsync(string code) =>
        app.ScalarAsync<long>("SELECT COUNT(*) FROM ProjectStageChanges s JOIN Projects p ON p.Id = s.ProjectId WHERE p.Code = @Code", new { Code = code });

    private Task<long> AuditAsync(string code) =>
        app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'Project' AND EntityId = @Code AND Action = 'stage'", new { Code = code });

    [Fact]
    public async Task The_stage_select_preselects_no_change_and_a_bare_click_moves_nothing()
    {
        using var staff2 = await app.AsAsync("staff2@demo.local");
        var page = await staff2.PageAsync("/projects/JJ2026-005");
        var auditBefore = await AuditAsync("JJ2026-005");
        var select = page.QuerySelector<IHtmlSelectElement>("#Move_ToStage")!;
        Assert.Equal("", select.Value);
        Assert.DoesNotContain(select.Options, o => o.Value == "lead");
        Assert.All(select.Options.Where(o => o.Value.Length > 0), o => Assert.Equal("false", o.GetAttribute("data-backward")));
        var contacted = await staff2.PageAsync("/projects/JJ2026-002");
        var contactedSelect = contacted.QuerySelector<IHtmlSelectElement>("#Move_ToStage")!;
        Assert.Equal("", contactedSelect.Value);
        Assert.Equal("true", contactedSelect.Options.Single(o => o.Value == "lead").GetAttribute("data-backward"));
        Assert.Contains("退回", contactedSelect.Options.Single(o => o.Value == "lead").TextContent);
        Assert.Equal("false", contactedSelect.Options.Single(o => o.Value == "signed").GetAttribute("data-backward"));

        var response = await staff2.SubmitAsync(page, "[data-testid=move-form]", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请选择要变更到的阶段", Error(await TestBrowser.ParseAsync(response)));
        Assert.Equal("lead", await StageAsync("JJ2026-005"));
        Assert.Equal(auditBefore, await AuditAsync("JJ2026-005"));
    }

    [Fact]
    public async Task Moving_a_signed_project_back_without_script_takes_a_confirmation_step_with_a_reason_and_is_recorded()
    {
        using var staff2 = await app.AsAsync("staff2@demo.local");
        var historyBefore = await HistoryAsync("JJ2026-004");
        var page = await staff2.PageAsync("/projects/JJ2026-004");
        Assert.Null(page.QuerySelector("[data-testid=backward-confirm]"));

        // A move back without confirmation is refused, changes nothing and keeps what was typed.
        var refused = await staff2.SubmitAsync(page, "[data-testid=move-form]", new Dictionary<string, string> { ["Move.ToStage"] = "lead", ["Move.Note"] = "企业推迟签约，重新评估" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var step = await TestBrowser.ParseAsync(refused);
        Assert.Contains("需要确认", Error(step));
        Assert.Equal("lead", step.QuerySelector<IHtmlSelectElement>("#Move_ToStage")!.Value);
        Assert.Equal("企业推迟签约，重新评估", step.QuerySelector<IHtmlInputElement>("#Move_Note")!.Value);
        Assert.Contains("从“签约”退回到“线索”", step.QuerySelector("[data-testid=backward-confirm]")!.TextContent);
        Assert.Equal("signed", await StageAsync("JJ2026-004"));
        Assert.Equal(historyBefore, await HistoryAsync("JJ2026-004"));

        // Confirmed without a reason: refused too.
        var noReason = await staff2.SubmitAsync(step, "[data-testid=move-form]", new Dictionary<string, string> { ["Move.Note"] = " ", ["Move.ConfirmBackward"] = "true" });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        var again = await TestBrowser.ParseAsync(noReason);
        Assert.Contains("退回必须填写原因", Error(again));
        Assert.Equal("signed", await StageAsync("JJ2026-004"));

        // The confirmation step's button carries the confirmation.
        var confirmed = await staff2.SubmitAsync(again, "[data-testid=move-form]", new Dictionary<string, string>
        {
            ["Move.Note"] = "企业推迟签约，重新评估",
            ["Move.ConfirmBackward"] = again.QuerySelector<IHtmlButtonElement>("[data-testid=confirm-backward]")!.Value,
        });
        var moved = await staff2.FollowAsync(confirmed);
        Assert.Equal("lead", await StageAsync("JJ2026-004"));
        var entry = moved.QuerySelector("[data-testid=timeline] li[data-kind=stage][data-backward=true]")!;
        Assert.Contains("签约 → 线索", entry.TextContent);
        Assert.Contains("退回", entry.QuerySelector(".badge")!.TextContent);
        Assert.Contains("企业推迟签约，重新评估", entry.TextContent);
        Assert.Equal("企业推迟签约，重新评估", await app.ScalarAsync<string>(
            "SELECT s.Note FROM ProjectStageChanges s JOIN Projects p ON p.Id = s.ProjectId WHERE p.Code = 'JJ2026-004' ORDER BY s.Id DESC LIMIT 1"));
        var audit = await app.ScalarAsync<string>("SELECT Changes FROM AuditLog WHERE EntityType = 'Project' AND EntityId = 'JJ2026-004' AND Action = 'stage' ORDER BY Id DESC LIMIT 1");
        Assert.Contains("\"Stage\":[\"signed\",\"lead\"]", audit);
        Assert.Contains("\"BackwardReason\":[null,\"企业推迟签约，重新评估\"]", audit);
        // The signing stays (it happened), so the project keeps its date when it is signed again.
        Assert.Equal("2026-09-18", await app.ScalarAsync<string>("SELECT SignedOn FROM Projects WHERE Code = 'JJ2026-004'"));
    }

    [Fact]
    public async Task The_board_refuses_a_move_back_without_confirmation_and_reason_in_the_readers_language()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local", culture: "en");
        var board = await staff1.PageAsync("/projects/board");
        var card = board.QuerySelector(".kanban-card[data-code='JJ2026-006']")!;
        Assert.Contains("started", board.QuerySelector(".kanban-column[data-stage=negotiation]")!.GetAttribute("data-backward-from")!.Split(' '));
        var token = board.QuerySelector("#board-token input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> extra)
        {
            var fields = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["code"] = "JJ2026-006",
                ["move.ToStage"] = "negotiation",
                ["move.Version"] = card.GetAttribute("data-version")!,
            };
            foreach (var (key, value) in extra)
            {
                fields[key] = value;
            }

            return await staff1.Client.PostAsync("/projects/board?handler=Move", new FormUrlEncodedContent(fields));
        }

        var bare = await PostAsync([]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bare.StatusCode);
        Assert.Contains("must be confirmed", await bare.Content.ReadAsStringAsync());
        var noReason = await PostAsync(new() { ["move.ConfirmBackward"] = "true" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("A move back needs a reason", await noReason.Content.ReadAsStringAsync());
        Assert.Equal("started", await StageAsync("JJ2026-006"));

        var moved = await PostAsync(new() { ["move.ConfirmBackward"] = "true", ["move.Note"] = "Construction permit withdrawn" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("negotiation", await StageAsync("JJ2026-006"));
        Assert.Contains("Construction permit withdrawn", await app.ScalarAsync<string>(
            "SELECT Changes FROM AuditLog WHERE EntityType = 'Project' AND EntityId = 'JJ2026-006' AND Action = 'stage' ORDER BY Id DESC LIMIT 1"));
    }
}
