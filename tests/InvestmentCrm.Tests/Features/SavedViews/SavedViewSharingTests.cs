using System.Net;
using InvestmentCrm.Tests.Support;
using static InvestmentCrm.Tests.Features.Attachments.AttachmentSamples;
using static InvestmentCrm.Tests.Features.SavedViews.SavedViewSteps;

namespace InvestmentCrm.Tests.Features.SavedViews;

/// <summary>
/// Sharing: Leaders and Admins share a view with everyone, who see it with the sharer's name; Staff cannot share,
/// not even with a forged POST; only the owner or an Admin changes or deletes a view, and a view someone may not
/// see answers 404. A shared view is only filters: a Staff member opening a Leader's view sees only their scope.
/// </summary>
public sealed class SavedViewSharingTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    [Fact]
    public async Task A_staff_member_has_no_share_button_and_a_forged_share_is_refused_and_changes_nothing()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var (view, _) = await SavedAsync(app, staff1, "/projects?stage=site_visit", "考察中");
        var manage = await staff1.PageAsync("/saved-views");
        Assert.NotNull(Entry(manage, view.Id)!.QuerySelector("form[data-testid=rename-form]"));
        Assert.Null(Entry(manage, view.Id)!.QuerySelector("form[data-testid=share-form]"));
        var audit = await CountAsync(app, "AuditLog");

        var forged = await PostHandlerAsync(staff1, "Share", ("id", Id(view.Id)), ("version", "1"), ("shared", "true"));

        await AssertDeniedAsync(staff1, forged);
        Assert.False((await FindAsync(app, view.Id))!.IsShared);
        Assert.Equal(audit, await CountAsync(app, "AuditLog"));
    }

    [Fact]
    public async Task A_leaders_shared_view_shows_to_everyone_with_the_sharers_name_and_only_the_owner_or_an_admin_changes_it()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        var (view, _) = await SavedAsync(app, leader, "/projects?stage=signed&sort=investment", "全局签约");
        var (privateView, _) = await SavedAsync(app, leader, "/projects?stage=lead", "领导自用");
        var shared = await leader.FollowAsync(await leader.SubmitAsync(await leader.PageAsync("/saved-views"),
            $"li[data-view='{view.Id}'] form[data-testid=share-form]", new Dictionary<string, string>()));
        Assert.Equal("视图“全局签约”已共享给所有人。", shared.QuerySelector("[data-testid=flash]")!.TextContent.Trim());
        Assert.NotNull(Entry(shared, view.Id)!.QuerySelector("[data-testid=shared]"));
        var stored = (await FindAsync(app, view.Id))!;
        Assert.True(stored.IsShared);
        Assert.Equal("{\"IsShared\":[false,true]}", await app.Db.ExecuteScalarAsync<string>(
            "SELECT Changes FROM AuditLog WHERE EntityType = 'SavedView' AND EntityId = @Id AND Action = 'update'", new { Id = Id(view.Id) }));

        using var staff2 = await app.AsAsync("staff2@demo.local", culture: "en");
        var list = await staff2.PageAsync("/projects");
        Assert.Contains("王建国", Tab(list, view.Id)!.QuerySelector("[data-testid=shared-by]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(Tab(list, privateView.Id));
        var manage = await staff2.PageAsync("/saved-views");
        Assert.Equal("shared by 王建国", Entry(manage, view.Id)!.QuerySelector("[data-testid=shared-by]")!.TextContent.Trim());
        Assert.Null(Entry(manage, view.Id)!.QuerySelector("form"));
        Assert.Null(Entry(manage, privateView.Id));

        // Seen but not theirs: 403. Not seen at all: 404, as for a view that does not exist, so nothing leaks.
        var audit = await CountAsync(app, "AuditLog");
        await AssertDeniedAsync(staff2, await PostHandlerAsync(staff2, "Rename", ("id", Id(view.Id)), ("version", Id(stored.Version)), ("name", "mine now")));
        await AssertDeniedAsync(staff2, await PostHandlerAsync(staff2, "Share", ("id", Id(view.Id)), ("version", Id(stored.Version)), ("shared", "false")));
        await AssertDeniedAsync(staff2, await staff2.GetAsync($"/saved-views/delete?id={view.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await PostHandlerAsync(staff2, "Rename", ("id", Id(privateView.Id)), ("version", "1"), ("name", "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostHandlerAsync(staff2, "Replace", ("id", Id(privateView.Id)), ("version", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff2.GetAsync($"/saved-views/delete?id={privateView.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff2.GetAsync("/saved-views/delete?id=999999")).StatusCode);
        var token = (await staff2.PageAsync("/saved-views")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forgedDelete = await staff2.Client.PostAsync("/saved-views/delete", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("id", Id(privateView.Id)), new("version", "1")]));
        Assert.Equal(HttpStatusCode.NotFound, forgedDelete.StatusCode);
        Assert.Equal(("全局签约", true), ((await FindAsync(app, view.Id))!.Name, (await FindAsync(app, view.Id))!.IsShared));
        Assert.NotNull(await FindAsync(app, privateView.Id));
        Assert.Equal(audit, await CountAsync(app, "AuditLog"));

        // An Admin may change anyone's view.
        using var admin = await app.AsAsync("admin@demo.local");
        var unshared = await admin.FollowAsync(await admin.SubmitAsync(await admin.PageAsync("/saved-views"),
            $"li[data-view='{view.Id}'] form[data-testid=share-form]", new Dictionary<string, string>()));
        Assert.Equal("视图“全局签约”已取消共享。", unshared.QuerySelector("[data-testid=flash]")!.TextContent.Trim());
        Assert.False((await FindAsync(app, view.Id))!.IsShared);
        Assert.Null(Tab(await staff2.PageAsync("/projects"), view.Id));
    }

    [Fact]
    public async Task A_staff_member_opening_a_leaders_shared_view_sees_only_projects_in_their_scope()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        var (view, everything) = await SavedAsync(app, leader, "/projects?q=JJ2026&sort=code", "全部项目按编号");
        var all = everything.QuerySelectorAll("tr[data-project]").Select(r => r.GetAttribute("data-project")!).ToList();
        await leader.FollowAsync(await leader.SubmitAsync(await leader.PageAsync("/saved-views"),
            $"li[data-view='{view.Id}'] form[data-testid=share-form]", new Dictionary<string, string>()));

        foreach (var reader in await ScopeReaders.StaffAsync(app))
        {
            var (allowed, forbidden) = await ScopeReaders.CodesAsync(app, reader);
            Assert.NotEmpty(forbidden.Intersect(all)); // the Leader's view shows projects this reader may not see
            using var staff = await app.AsAsync(reader.Email);
            var tab = Tab(await staff.PageAsync("/projects"), view.Id) ?? throw new InvalidOperationException($"{reader.Email} has no tab of the shared view");

            var opened = await staff.PageAsync(tab.GetAttribute("href")!);

            var codes = opened.QuerySelectorAll("tr[data-project]").Select(r => r.GetAttribute("data-project")!).ToList();
            Assert.NotEmpty(codes);
            Assert.All(codes, code => Assert.Contains(code, allowed));
            Assert.Empty(ScopeReaders.Named(opened.DocumentElement.OuterHtml, forbidden));
        }
    }

    [Fact]
    public async Task A_shared_tab_shows_the_sharers_new_name_at_the_next_page_after_a_rename_on_another_node()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        var (view, _) = await SavedAsync(app, leader, "/enterprises?kind=prospect", "共享改名");
        await leader.SubmitAsync(await leader.PageAsync("/saved-views"), $"li[data-view='{view.Id}'] form[data-testid=share-form]", new Dictionary<string, string>());
        using var staff2 = await app.AsAsync("staff2@demo.local");
        var sharedBy = Tab(await staff2.PageAsync("/enterprises"), view.Id)!.QuerySelector("[data-testid=shared-by]")!;
        Assert.Contains("王建国", sharedBy.TextContent, StringComparison.Ordinal);

        try
        {
            await app.Db.ExecuteAsync("UPDATE Users SET DisplayName = '王建国（新）' WHERE Email = 'leader@demo.local'");

            sharedBy = Tab(await staff2.PageAsync("/enterprises"), view.Id)!.QuerySelector("[data-testid=shared-by]")!;
            Assert.Contains("王建国（新）", sharedBy.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await app.Db.ExecuteAsync("UPDATE Users SET DisplayName = '王建国' WHERE Email = 'leader@demo.local'");
        }
    }
}
