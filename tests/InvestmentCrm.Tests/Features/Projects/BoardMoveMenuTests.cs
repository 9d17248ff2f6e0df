using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>
/// The board's "move to…" as a browser without script uses it: the card's link opens the move panel, which posts
/// (asking for HTML) to the same handler and rules as dragging; the board comes back after a move, and after a
/// refusal the panel shows the reason with the fields the drag's dialog asks for. Staff1 owns JJ2026-001 (site
/// visit), 003 (negotiation) and 006 (started); staff2 (another team) owns 002, 004 and 005.
/// </summary>
public sealed class BoardMoveMenuTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private async Task<TestBrowser> AsAsync(string email)
    {
        var browser = await app.AsAsync(email);
        // What a browser sends with a form post; the board's script asks for JSON instead.
        browser.Client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return browser;
    }

    private const string Panel = "form[data-testid=move-panel]";

    /// <summary>The move panel of a card: the link the board's script gives the card's "move to…" button.</summary>
    private static Task<IDocument> PanelAsync(TestBrowser browser, string board, string code) =>
        browser.PageAsync(board + (board.Contains('?') ? "&" : "?") + "move=" + Uri.EscapeDataString(code));

    private Task<string> StageAsync(string code) => app.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = @Code", new { Code = code });

    private Task<long> ChangesAsync(string code) => app.ScalarAsync<long>(
        "SELECT (SELECT COUNT(*) FROM ProjectStageChanges s JOIN Projects p ON p.Id = s.ProjectId WHERE p.Code = @Code) + (SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'Project' AND EntityId = @Code)",
        new { Code = code });

    [Fact]
    public async Task The_move_panel_of_a_card_offers_the_other_stages_with_moves_back_marked()
    {
        using var staff1 = await AsAsync("staff1@demo.local");
        var board = await staff1.PageAsync("/projects/board");
        Assert.Equal("移至…", board.QuerySelector("[data-testid=board]")!.GetAttribute("data-move-text"));
        Assert.Null(board.QuerySelector(Panel));

        var page = await PanelAsync(staff1, "/projects/board", "JJ2026-003");

        var select = page.QuerySelector<IHtmlSelectElement>(Panel + " select[name='move.ToStage']")!;
        Assert.Equal("", select.Value);
        Assert.DoesNotContain(select.Options, o => o.Value == "negotiation");
        Assert.Contains("退回", select.Options.Single(o => o.Value == "contacted").TextContent);
        Assert.DoesNotContain("退回", select.Options.Single(o => o.Value == "signed").TextContent);
        Assert.NotNull(page.QuerySelector(Panel + " input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task A_forward_move_from_the_menu_without_script_moves_the_card_and_returns_to_it_on_the_board()
    {
        using var staff1 = await AsAsync("staff1@demo.local");
        var board = await PanelAsync(staff1, "/projects/board?q=JJ2026", "JJ2026-001");

        var response = await staff1.SubmitAsync(board, Panel, new Dictionary<string, string> { ["move.ToStage"] = "negotiation" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/projects/board?q=JJ2026#card-JJ2026-001", response.Headers.Location!.OriginalString);
        var after = await staff1.FollowAsync(response);
        Assert.Contains("JJ2026-001", after.QuerySelector("[data-testid=flash]")!.TextContent);
        Assert.NotNull(after.QuerySelector(".kanban-column[data-stage=negotiation] #card-JJ2026-001"));
        Assert.Equal("negotiation", await StageAsync("JJ2026-001"));
    }

    [Fact]
    public async Task A_move_back_from_the_menu_is_refused_until_confirmed_with_a_reason_and_keeps_what_was_typed()
    {
        using var staff1 = await AsAsync("staff1@demo.local");
        var before = await ChangesAsync("JJ2026-006");
        var board = await PanelAsync(staff1, "/projects/board", "JJ2026-006");

        var bare = await staff1.SubmitAsync(board, Panel, new Dictionary<string, string> { ["move.ToStage"] = "negotiation", ["move.Note"] = "施工许可被撤回" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bare.StatusCode);
        var step = await TestBrowser.ParseAsync(bare);
        Assert.Contains("需要确认", step.QuerySelector("[data-testid=refused-message]")!.TextContent);
        Assert.Contains("从“开工”退回到“深度洽谈”", step.QuerySelector(Panel)!.TextContent);
        Assert.Equal("negotiation", step.QuerySelector<IHtmlSelectElement>(Panel + " select[name='move.ToStage']")!.Value);
        Assert.Equal("施工许可被撤回", step.QuerySelector<IHtmlInputElement>(Panel + " input[name='move.Note']")!.Value);
        Assert.Equal("started", await StageAsync("JJ2026-006"));
        Assert.Equal(before, await ChangesAsync("JJ2026-006"));

        // Confirmed without a reason: refused again, nothing changed.
        var confirm = step.QuerySelector<IHtmlButtonElement>("[data-testid=panel-submit]")!;
        var noReason = await staff1.SubmitAsync(step, Panel, new Dictionary<string, string> { ["move.Note"] = " ", [confirm.Name!] = confirm.Value });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        var again = await TestBrowser.ParseAsync(noReason);
        Assert.Contains("退回必须填写原因", again.QuerySelector("[data-testid=refused-message]")!.TextContent);
        Assert.Equal("started", await StageAsync("JJ2026-006"));
        Assert.Equal(before, await ChangesAsync("JJ2026-006"));

        var moved = await staff1.SubmitAsync(again, Panel, new Dictionary<string, string> { ["move.Note"] = "施工许可被撤回", [confirm.Name!] = confirm.Value });
        await staff1.FollowAsync(moved);
        Assert.Equal("negotiation", await StageAsync("JJ2026-006"));
        Assert.Contains("施工许可被撤回", await app.ScalarAsync<string>(
            "SELECT Changes FROM AuditLog WHERE EntityType = 'Project' AND EntityId = 'JJ2026-006' AND Action = 'stage' ORDER BY Id DESC LIMIT 1"));
    }

    [Fact]
    public async Task Signing_from_the_menu_asks_for_the_signing_figures_before_it_moves()
    {
        using var staff1 = await AsAsync("staff1@demo.local");
        var board = await PanelAsync(staff1, "/projects/board", "JJ2026-003");

        var refused = await staff1.SubmitAsync(board, Panel, new Dictionary<string, string> { ["move.ToStage"] = "signed" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var step = await TestBrowser.ParseAsync(refused);
        Assert.Contains("签约日期", step.QuerySelector("[data-testid=refused-message]")!.TextContent);
        Assert.Equal("negotiation", await StageAsync("JJ2026-003"));
        var signedOn = app.Today.AddDays(-1).ToString("yyyy-MM-dd");
        var moved = await staff1.SubmitAsync(step, Panel, new Dictionary<string, string>
        {
            ["move.SignedOn"] = signedOn, ["move.ContractedInvestmentWan"] = "52000",
        });
        await staff1.FollowAsync(moved);
        Assert.Equal("signed", await StageAsync("JJ2026-003"));
        Assert.Equal(signedOn, await app.ScalarAsync<string>("SELECT SignedOn FROM Projects WHERE Code = 'JJ2026-003'"));
    }

    [Fact]
    public async Task A_staff_member_cannot_move_a_project_outside_their_scope_from_the_menu()
    {
        using var staff2 = await AsAsync("staff2@demo.local");
        Assert.Null((await staff2.PageAsync("/projects/board")).QuerySelector(".kanban-card[data-code='JJ2026-001']"));
        Assert.Equal(HttpStatusCode.NotFound, (await staff2.GetAsync("/projects/board?move=JJ2026-001")).StatusCode);
        var board = await PanelAsync(staff2, "/projects/board", "JJ2026-005");
        var before = await ChangesAsync("JJ2026-001");
        var stage = await StageAsync("JJ2026-001");
        var version = await app.ScalarAsync<long>("SELECT Version FROM Projects WHERE Code = 'JJ2026-001'");

        // The panel for staff2's own project, pointed at staff1's.
        var response = await staff2.SubmitAsync(board, Panel, new Dictionary<string, string>
        {
            ["code"] = "JJ2026-001", ["move.ToStage"] = "lost", ["move.Note"] = "不再跟进", ["move.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("JJ2026-001", await response.Content.ReadAsStringAsync());
        Assert.Equal(stage, await StageAsync("JJ2026-001"));
        Assert.Equal(before, await ChangesAsync("JJ2026-001"));
    }
}
