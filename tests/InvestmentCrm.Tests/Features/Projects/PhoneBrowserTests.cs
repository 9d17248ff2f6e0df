using InvestmentCrm.Tests.Infrastructure.Security;
using InvestmentCrm.Tests.Support;
using Microsoft.Playwright;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>
/// The app on a phone's screen (390 × 844) in a real Chromium: lists as cards without sideways scrolling, the
/// project page with its follow-up first, and the board's "move to…" menu worked with the keyboard alone
/// (Tab, Enter, arrow keys), the move back's dialog included. Screenshots in TestResults/screenshots.
/// </summary>
public sealed class PhoneBrowserTests(ProjectBrowserFixture browser) : IClassFixture<ProjectBrowserFixture>
{
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= PhoneWidth, $"{page.Url} is {scrollWidth} px wide on a {PhoneWidth} px screen");
    }

    [Theory]
    [InlineData("/projects", "table[data-testid=projects] tbody tr", "项目编号")]
    [InlineData("/enterprises", "table[data-testid=enterprises] tbody tr", "统一社会信用代码")]
    [InlineData("/projects/mine", "table.table-cards tbody tr", "截止日期")]
    [InlineData("/parks", "table[data-testid=parks] tbody tr[data-park]", "所在区县")]
    public async Task On_a_phone_a_list_shows_its_rows_as_labelled_cards_without_sideways_scrolling(string path, string rows, string label)
    {
        var page = await browser.SignedInAsync("staff1@demo.local", PhoneWidth, PhoneHeight);
        var violations = await ContentSecurityPolicyBrowserTests.WatchViolationsAsync(page);
        await page.GotoAsync(path);

        var first = page.Locator(rows).First;
        Assert.Equal("flex", await first.EvaluateAsync<string>("row => getComputedStyle(row).display"));
        var box = (await first.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= PhoneWidth, $"the first card spans {box.X}–{box.X + box.Width}");
        var labels = await first.Locator("td[data-label]").EvaluateAllAsync<string[]>(
            "cells => cells.filter(c => getComputedStyle(c).display !== 'none').map(c => getComputedStyle(c, '::before').content)");
        Assert.Contains(labels, l => l.Contains(label, StringComparison.Ordinal));
        await AssertNoSidewaysScrollAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "phone-390" + path.Replace('/', '-'));
        Assert.Empty(violations);
    }

    [Fact]
    public async Task On_a_phone_the_ticks_of_the_project_cards_still_select_rows_for_the_bulk_export()
    {
        var page = await browser.SignedInAsync("leader@demo.local", PhoneWidth, PhoneHeight);
        await page.GotoAsync("/projects");
        var tick = page.Locator("table[data-testid=projects] tbody tr").Nth(1).Locator("input[name=code]");

        await tick.ClickAsync();

        Assert.True(await tick.IsCheckedAsync());
        var box = (await tick.BoundingBoxAsync())!;
        Assert.True(box.Width >= 24 && box.X + box.Width <= PhoneWidth, $"the tick is {box.Width} px at {box.X}");
        Assert.True(await page.Locator("[data-testid=select-all]").IsVisibleAsync());
    }

    [Fact]
    public async Task On_a_phone_the_project_page_shows_the_next_step_and_the_follow_up_form_before_the_stage_panel()
    {
        var page = await browser.SignedInAsync("staff1@demo.local", PhoneWidth, PhoneHeight);
        await page.GotoAsync("/projects/JJ2026-003");

        var next = (await page.Locator("[data-testid=next-step]").BoundingBoxAsync())!;
        var followUp = (await page.Locator("[data-testid=activity-form]").BoundingBoxAsync())!;
        var move = (await page.Locator("[data-testid=move-form]").BoundingBoxAsync())!;
        Assert.True(next.Y < followUp.Y && followUp.Y < move.Y, $"next step at {next.Y}, follow-up at {followUp.Y}, stage panel at {move.Y}");
        Assert.Contains("确认土地出让条件", await page.InnerTextAsync("[data-testid=next-step]"));
        await AssertNoSidewaysScrollAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "phone-390-project");

        // On a wide screen the page keeps its two columns: facts and stage move left, follow-up and timeline right.
        var wide = await browser.SignedInAsync("staff1@demo.local");
        await wide.GotoAsync("/projects/JJ2026-003");
        var wideFollowUp = (await wide.Locator("[data-testid=activity-form]").BoundingBoxAsync())!;
        var wideMove = (await wide.Locator("[data-testid=move-form]").BoundingBoxAsync())!;
        var wideFields = (await wide.Locator("[data-testid=fields]").BoundingBoxAsync())!;
        Assert.True(wideMove.X + wideMove.Width < wideFollowUp.X, "the stage panel is left of the follow-up form");
        Assert.True(wideFollowUp.Y < wideFields.Y + wideFields.Height, "the follow-up form starts beside the project's facts");
    }

    [Fact]
    public async Task On_a_phone_the_board_moves_a_card_forward_and_back_with_the_keyboard_alone()
    {
        var page = await browser.SignedInAsync("staff1@demo.local", PhoneWidth, PhoneHeight);
        var violations = await ContentSecurityPolicyBrowserTests.WatchViolationsAsync(page);
        await page.GotoAsync("/projects/board");
        await AssertNoSidewaysScrollAsync(page);

        await ChooseWithKeyboardAsync(page, "JJ2026-001", "negotiation");
        await page.WaitForSelectorAsync(".kanban[data-last-move='JJ2026-001:negotiation']");
        Assert.Equal("negotiation", await browser.App.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = 'JJ2026-001'"));
        Assert.Equal(1, await page.Locator(".kanban-column[data-stage=negotiation] #card-JJ2026-001").CountAsync());
        // Focus stays with the moved card (its "move to…" link), and the move is announced.
        Assert.Equal("JJ2026-001", await page.EvaluateAsync<string>("document.activeElement.closest('.kanban-card').dataset.code"));
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement.classList.contains('move-link')"));
        Assert.Contains("JJ2026-001", await page.TextContentAsync("[data-testid=board-announce]"));
        // The menu now offers the stages from the card's new column; Escape closes it, focus back on the link.
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("true", await page.GetAttributeAsync("#card-JJ2026-001 .move-link", "aria-expanded"));
        Assert.Equal("将项目 JJ2026-001 移至其他阶段", await page.GetAttributeAsync("#card-JJ2026-001 .move-link", "aria-label"));
        Assert.Equal("menu", await page.GetAttributeAsync("#card-JJ2026-001 .move-link", "aria-haspopup"));
        // Only the cards the reader may change have one (staff1 sees a teammate's projects read-only).
        Assert.Equal(0, await page.Locator(".kanban-card.locked .move-link").CountAsync());
        Assert.Contains("退回", await page.Locator("#card-JJ2026-001 #move-menu [data-stage=site_visit]").TextContentAsync());
        Assert.False(await page.Locator("#move-menu [data-stage=negotiation]").IsVisibleAsync());
        await page.Keyboard.PressAsync("Escape");
        Assert.True(await page.Locator("#move-menu").IsHiddenAsync());
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement.classList.contains('move-link')"));

        await ChooseWithKeyboardAsync(page, "JJ2026-006", "contacted");
        await page.WaitForSelectorAsync("#move-dialog.show");
        // The dialog puts the keyboard into the reason once it has opened.
        await page.Locator("#dlg-note:focus").WaitForAsync();
        Assert.Contains("退回", await page.InnerTextAsync("#move-dialog [data-part=backward]"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#move-dialog [data-part=error]:has-text('原因')");
        Assert.Equal("started", await browser.App.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = 'JJ2026-006'"));
        await BrowserFixture.ScreenshotAsync(page, "phone-390-board-move-back");

        await page.Keyboard.TypeAsync("扩产计划取消");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".kanban[data-last-move='JJ2026-006:contacted']");
        Assert.Equal("contacted", await browser.App.ScalarAsync<string>("SELECT Stage FROM Projects WHERE Code = 'JJ2026-006'"));
        Assert.Contains("扩产计划取消", await browser.App.ScalarAsync<string>(
            "SELECT s.Note FROM ProjectStageChanges s JOIN Projects p ON p.Id = s.ProjectId WHERE p.Code = 'JJ2026-006' ORDER BY s.Id DESC LIMIT 1"));
        await page.WaitForSelectorAsync("#move-dialog", new() { State = WaitForSelectorState.Hidden });
        Assert.Equal("JJ2026-006", await page.EvaluateAsync<string>("document.activeElement.closest('.kanban-card').dataset.code"));
        await BrowserFixture.ScreenshotAsync(page, "phone-390-board");
        Assert.Empty(violations);
    }

    /// <summary>From the card's title link: Tab to "move to…", Enter opens the menu, arrow keys to the stage, Enter.</summary>
    private static async Task ChooseWithKeyboardAsync(IPage page, string code, string stage)
    {
        var card = $"#card-{code}";
        await page.FocusAsync(card + " a");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement.classList.contains('move-link')"));
        await page.Keyboard.PressAsync("Enter");
        Assert.True(await page.Locator(card + " #move-menu").IsVisibleAsync());
        var items = await page.Locator("#move-menu [role=menuitem]").CountAsync();
        for (var i = 0; i < items && await page.EvaluateAsync<string?>("document.activeElement.dataset.stage") != stage; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.Equal(stage, await page.EvaluateAsync<string?>("document.activeElement.dataset.stage"));
        await page.Keyboard.PressAsync("Enter");
    }
}
