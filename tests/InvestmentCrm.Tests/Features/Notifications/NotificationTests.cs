using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Notifications;

/// <summary>The notifications menu through HTTP: each kind reaches who it should (and no one else), the count in the
/// top bar, marking read on open (htmx and without script), and due next steps coming back each morning.</summary>
public sealed class NotificationTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private const string Staff1 = "staff1@demo.local";
    private const string Staff2 = "staff2@demo.local";

    private Task<long> UserIdAsync(string email) => app.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = @Email", new { Email = email });

    private Task<long> ProjectIdAsync(string code) => app.ScalarAsync<long>("SELECT Id FROM Projects WHERE Code = @Code", new { Code = code });

    /// <summary>The count the top bar shows on a page (0 when the badge is hidden).</summary>
    private static async Task<int> CountAsync(TestBrowser browser)
    {
        var badge = (await browser.PageAsync("/projects/mine")).QuerySelector("[data-testid=notifications-count]")!;
        return badge.HasAttribute("hidden") ? 0 : int.Parse(badge.TextContent, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Opens the menu as the browser does with script: htmx posts the bell's form and gets the items.</summary>
    private static async Task<IDocument> OpenMenuAsync(TestBrowser browser)
    {
        var page = await browser.PageAsync("/projects/mine");
        var form = (IHtmlFormElement)page.QuerySelector("form[data-testid=notifications]")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(TestBrowser.FormFields(form)) };
        request.Headers.Add("HX-Request", "true");
        var response = await browser.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestBrowser.ParseAsync(response);
    }

    private static IReadOnlyList<(string Kind, string Text, bool Unread)> Items(IDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=notification]").Select(i => (i.GetAttribute("data-kind")!, i.TextContent, i.GetAttribute("data-unread") == "true"))];

    [Fact]
    public async Task A_bulk_reassign_notifies_the_new_owner_once_and_opening_the_menu_marks_it_read()
    {
        using var staff2 = await app.AsAsync(Staff2);
        await OpenMenuAsync(staff2);
        Assert.Equal(0, await CountAsync(staff2));
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        using var leader = await app.AsAsync("leader@demo.local");
        var confirm = await leader.PageAsync($"/projects/reassign?code=JJ2026-003&to={await UserIdAsync(Staff2)}");
        await leader.FollowAsync(await leader.SubmitAsync(confirm, "form[data-testid=confirm-form]", new Dictionary<string, string>()));

        Assert.Equal(1, await CountAsync(staff2));
        var menu = await OpenMenuAsync(staff2);
        var assigned = Assert.Single(Items(menu), i => i.Kind == "assigned");
        Assert.Contains("JJ2026-003", assigned.Text, StringComparison.Ordinal);
        Assert.True(assigned.Unread);
        Assert.True(menu.QuerySelector("#notifications-count[hx-swap-oob]")!.HasAttribute("hidden")); // the badge is emptied
        Assert.Equal(0, await CountAsync(staff2));
        var again = Items(await OpenMenuAsync(staff2));
        Assert.False(again.Single(i => i.Kind == "assigned").Unread); // still listed, now read
        using var staff1 = await app.AsAsync(Staff1);
        Assert.DoesNotContain(Items(await OpenMenuAsync(staff1)), i => i.Kind == "assigned" && i.Text.Contains("JJ2026-003", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_leaders_comment_reaches_the_owner_and_a_stage_change_the_owners_team_but_not_the_other_team()
    {
        using var staff1 = await app.AsAsync(Staff1);
        using var teammate = await app.AsAsync(ProjectsApp.Teammate);
        using var staff2 = await app.AsAsync(Staff2);
        foreach (var reader in new[] { staff1, teammate, staff2 })
        {
            await OpenMenuAsync(reader);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var project = await ProjectIdAsync("JJ2026-001");
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProjectFollowUps>().AddCommentAsync(project, "请本周内约企业高层面谈", await UserIdAsync("leader@demo.local"));
            var version = await app.ScalarAsync<int>("SELECT Version FROM Projects WHERE Id = @Id", new { Id = project });
            var moved = await scope.ServiceProvider.GetRequiredService<ProjectWriter>().MoveAsync(project, version,
                new StageMove(ProjectStages.Negotiation, null, null, null), await UserIdAsync("admin@demo.local"));
            Assert.True(moved.Succeeded);
        }

        Assert.Equal(2, await CountAsync(staff1));
        var mine = Items(await OpenMenuAsync(staff1));
        Assert.Contains("请本周内约企业高层面谈", Assert.Single(mine, i => i.Kind == "comment" && i.Unread).Text, StringComparison.Ordinal);
        Assert.Contains("洽谈", Assert.Single(mine, i => i.Kind == "stage" && i.Unread).Text, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(teammate)); // the team's stage change, not the comment on someone else's project
        Assert.Equal("stage", Assert.Single(Items(await OpenMenuAsync(teammate)), i => i.Unread).Kind);
        Assert.Equal(0, await CountAsync(staff2));
        Assert.DoesNotContain(Items(await OpenMenuAsync(staff2)), i => i.Text.Contains("JJ2026-001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Next_steps_due_today_or_overdue_are_listed_and_count_again_each_morning_until_done()
    {
        using var staff1 = await app.AsAsync(Staff1, culture: "en");
        var project = await ProjectIdAsync("JJ2026-006");
        using (var scope = app.Services.CreateScope())
        {
            var input = new ActivityInput("call", app.Today, null, "Called the CFO", "Send the land offer", app.Today);
            Assert.True((await scope.ServiceProvider.GetRequiredService<ProjectFollowUps>().AddActivityAsync(project, input, await UserIdAsync(Staff1))).Succeeded);
        }

        var today = Items(await OpenMenuAsync(staff1));
        Assert.Contains("due today", Assert.Single(today, i => i.Kind == "due" && i.Text.Contains("Send the land offer", StringComparison.Ordinal)).Text, StringComparison.Ordinal);
        var countAfterOpening = await CountAsync(staff1);
        Assert.DoesNotContain(Items(await OpenMenuAsync(staff1)), i => i.Kind == "due" && i.Unread); // seen today
        Assert.Equal(0, countAfterOpening);

        app.Clock.Advance(TimeSpan.FromDays(1)); // the next morning the step is overdue and counts again
        using var nextMorning = await app.AsAsync(Staff1, culture: "en"); // yesterday's session has expired
        Assert.True(await CountAsync(nextMorning) >= 1);
        var overdue = Items(await OpenMenuAsync(nextMorning)).Single(i => i.Kind == "due" && i.Text.Contains("Send the land offer", StringComparison.Ordinal));
        Assert.Contains("overdue", overdue.Text, StringComparison.Ordinal);
        Assert.True(overdue.Unread);
        await app.Db.ExecuteAsync("UPDATE Activities SET NextStepDoneAtUtc = @Now WHERE NextStep = 'Send the land offer'", new { Now = app.Clock.Now.UtcDateTime });
        Assert.DoesNotContain(Items(await OpenMenuAsync(nextMorning)), i => i.Text.Contains("Send the land offer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_script_the_bell_posts_marks_read_and_shows_the_notifications_page()
    {
        using var staff1 = await app.AsAsync(Staff1);
        var page = await staff1.PageAsync("/projects/mine");

        var response = await staff1.SubmitAsync(page, "form[data-testid=notifications]", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/notifications", response.Headers.Location!.OriginalString);
        var list = await staff1.FollowAsync(response);
        Assert.NotNull(list.QuerySelector("[data-testid=notifications-page]"));
        Assert.Equal(0, await CountAsync(staff1));
    }
}
