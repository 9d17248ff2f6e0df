using System.Net;
using InvestmentCrm.Tests.Support;
using static InvestmentCrm.Tests.Features.SavedViews.SavedViewSteps;

namespace InvestmentCrm.Tests.Features.SavedViews;

/// <summary>
/// Saving the filters and sort of /projects and /enterprises under a name, opening a view from the tabs above the
/// list, renaming it, giving it the list's current filters and deleting it: each through the pages, each change in
/// the audit log with its old and new values, every bad name refused with the typed text kept.
/// </summary>
public sealed class SavedViewPagesTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    [Fact]
    public async Task A_view_keeps_only_the_lists_filters_and_sort_and_opens_as_a_plain_link_from_the_tabs()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var audit = await CountAsync(app, "AuditLog");

        var response = await SaveAsync(staff1, "/projects?source=NO_SUCH&bogus=1&stage=NO_SUCH&p=2&sort=-code&q=+JJ2026+", "  我的浙江项目  ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/projects?q=JJ2026&sort=-code", response.Headers.Location!.OriginalString);
        var list = await staff1.FollowAsync(response);
        Assert.Equal("视图“我的浙江项目”已保存。", list.QuerySelector("[data-testid=flash]")!.TextContent.Trim());
        var view = await ByNameAsync(app, "我的浙江项目");
        Assert.Equal(("projects", "q=JJ2026&sort=-code", false, 1), (view.List, view.Query, view.IsShared, view.Version));
        var tab = Tab(list, view.Id)!;
        Assert.Equal("page", tab.GetAttribute("aria-current"));
        Assert.Equal("/projects?" + view.Query, tab.GetAttribute("href"));
        Assert.Equal("保存视图…", list.QuerySelector("[data-testid=save-view]")!.TextContent.Trim());

        // The list applies the view with its own checks: the filter shows as chosen, the sort as active.
        var applied = await staff1.PageAsync(tab.GetAttribute("href")!);
        Assert.Equal("JJ2026", applied.QuerySelector("form[data-testid=filters] input[name=q]")!.GetAttribute("value"));
        Assert.Equal("descending", applied.QuerySelector("th a[aria-sort]")!.GetAttribute("aria-sort"));
        var codes = applied.QuerySelectorAll("tr[data-project]").Select(r => r.GetAttribute("data-project")!).ToList();
        Assert.Contains("JJ2026-006", codes);
        Assert.Equal(codes.OrderByDescending(c => c, StringComparer.Ordinal), codes);
        Assert.Null(Tab(await staff1.PageAsync("/projects"), view.Id)!.GetAttribute("aria-current"));

        var created = await app.Db.QueryAsync<string>("SELECT Changes FROM AuditLog WHERE EntityType = 'SavedView' AND EntityId = @Id AND Action = 'create'", new { Id = Id(view.Id) });
        Assert.Contains("\"Name\":\"我的浙江项目\"", Assert.Single(created), StringComparison.Ordinal);
        Assert.Equal(audit + 1, await CountAsync(app, "AuditLog"));
    }

    [Fact]
    public async Task An_enterprise_view_keeps_kind_qualification_and_sort_and_drops_paging_and_unknown_keys()
    {
        using var staff2 = await app.AsAsync("staff2@demo.local", culture: "en");

        var (view, list) = await SavedAsync(app, staff2, "/enterprises?kind=PROSPECT&qualification=srdi&sort=-revenue&p=3&evil=%3Cscript%3E&sort2=x", "Prospects by revenue");

        Assert.Equal(("enterprises", "kind=prospect&qualification=srdi&sort=-revenue"), (view.List, view.Query));
        Assert.Equal("View “Prospects by revenue” saved.", list.QuerySelector("[data-testid=flash]")!.TextContent.Trim());
        Assert.Equal("prospect", list.QuerySelector("select[name=kind] option[selected]")!.GetAttribute("value"));
        Assert.Equal("Save view…", list.QuerySelector("[data-testid=save-view]")!.TextContent.Trim());
        Assert.NotNull(Tab(list, view.Id));
        Assert.Null(Tab(await staff2.PageAsync("/projects"), view.Id)); // a view belongs to its list
    }

    [Fact]
    public async Task Bad_names_and_lists_are_refused_with_a_clear_message_keeping_what_was_typed()
    {
        using var staff2 = await app.AsAsync("staff2@demo.local", culture: "en");
        await SavedAsync(app, staff2, "/projects?stage=lead", "Leads to call");
        var (views, audit) = (await CountAsync(app, "SavedViews"), await CountAsync(app, "AuditLog"));

        var empty = await TestBrowser.ParseAsync(await SaveAsync(staff2, "/projects?stage=signed", "   "));
        Assert.Equal("Give the view a name.", empty.QuerySelector("[data-testid=save-form] [data-valmsg-for=name]")!.TextContent.Trim());

        var longName = new string('长', 61);
        var tooLong = await TestBrowser.ParseAsync(await SaveAsync(staff2, "/projects?stage=signed", longName));
        Assert.Equal("A view's name may have at most 60 characters.", tooLong.QuerySelector("[data-valmsg-for=name]")!.TextContent.Trim());
        Assert.Equal(longName, tooLong.QuerySelector("[data-testid=save-form] input[name=name]")!.GetAttribute("value"));
        Assert.Equal("stage=signed", tooLong.QuerySelector("[data-testid=save-form] input[name=query]")!.GetAttribute("value"));

        var duplicate = await TestBrowser.ParseAsync(await SaveAsync(staff2, "/projects?stage=signed", " LEADS TO CALL "));
        Assert.StartsWith("You already have a view named “LEADS TO CALL” on this list.", duplicate.QuerySelector("[data-valmsg-for=name]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(" LEADS TO CALL ", duplicate.QuerySelector("[data-testid=save-form] input[name=name]")!.GetAttribute("value"));

        var unknown = await TestBrowser.ParseAsync(await PostHandlerAsync(staff2, "Save", ("list", "contacts"), ("name", "Mine"), ("query", "q=x")));
        Assert.Equal("Views can only be saved of the project list or the enterprise list.", unknown.QuerySelector("[data-testid=problem]")!.TextContent.Trim());

        var tooManyFilters = await TestBrowser.ParseAsync(await PostHandlerAsync(staff2, "Save", ("list", "projects"), ("name", "Long"), ("query", "q=" + new string('x', 1001))));
        Assert.Contains("too long to save", tooManyFilters.QuerySelector("[data-valmsg-for=name]")!.TextContent, StringComparison.Ordinal);

        Assert.Equal((views, audit), (await CountAsync(app, "SavedViews"), await CountAsync(app, "AuditLog")));

        using var staff1 = await app.AsAsync("staff1@demo.local");
        var zh = await TestBrowser.ParseAsync(await SaveAsync(staff1, "/projects", ""));
        Assert.Equal("请为视图命名。", zh.QuerySelector("[data-valmsg-for=name]")!.TextContent.Trim());
        var (other, _) = await SavedAsync(app, staff1, "/projects?stage=signed", "Leads to call"); // another user may use the same name
        Assert.Equal("stage=signed", other.Query);
    }

    [Fact]
    public async Task The_owner_renames_updates_with_the_current_filters_and_deletes_after_a_confirmation_each_audited_old_to_new()
    {
        using var staff3 = await app.AsAsync(ProjectsApp.Teammate);
        var (view, _) = await SavedAsync(app, staff3, "/projects?stage=negotiation", "洽谈中");

        var manage = await staff3.PageAsync("/saved-views?list=projects&current=" + Uri.EscapeDataString("health=yellow&sort=code&p=4"));
        var renamed = await staff3.SubmitAsync(manage, $"li[data-view='{view.Id}'] form[data-testid=rename-form]", new Dictionary<string, string> { ["name"] = "重点洽谈" });
        manage = await staff3.FollowAsync(renamed);
        Assert.Equal("视图“洽谈中”已重命名。", manage.QuerySelector("[data-testid=flash]")!.TextContent.Trim());
        var replaced = await staff3.SubmitAsync(manage, $"li[data-view='{view.Id}'] form[data-testid=replace-form]", new Dictionary<string, string>());
        manage = await staff3.FollowAsync(replaced);

        var stored = (await FindAsync(app, view.Id))!;
        Assert.Equal(("重点洽谈", "health=yellow&sort=code", 3), (stored.Name, stored.Query, stored.Version));
        Assert.Equal("/projects?health=yellow&sort=code", Entry(manage, view.Id)!.QuerySelector("a[data-testid=open]")!.GetAttribute("href"));

        var confirm = await staff3.PageAsync(Entry(manage, view.Id)!.QuerySelector("a[data-testid=delete]")!.GetAttribute("href")!);
        Assert.Contains("重点洽谈", confirm.QuerySelector("[data-testid=confirm]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(await FindAsync(app, view.Id)); // nothing is deleted before the POST
        var done = await staff3.FollowAsync(await staff3.SubmitAsync(confirm, "form[data-testid=confirm-form]", new Dictionary<string, string>()));
        Assert.Equal("视图“重点洽谈”已删除。", done.QuerySelector("[data-testid=flash]")!.TextContent.Trim());
        Assert.Null(await FindAsync(app, view.Id));

        var entries = await app.Db.QueryAsync<(string Action, string Changes)>(
            "SELECT Action, Changes FROM AuditLog WHERE EntityType = 'SavedView' AND EntityId = @Id ORDER BY Id", new { Id = Id(view.Id) });
        Assert.Equal(["create", "update", "update", "delete"], entries.Select(e => e.Action));
        Assert.Equal("{\"Name\":[\"洽谈中\",\"重点洽谈\"]}", entries[1].Changes);
        Assert.Equal("{\"Query\":[\"stage=negotiation\",\"health=yellow&sort=code\"]}", entries[2].Changes);
        Assert.Contains("\"Name\":\"重点洽谈\"", entries[3].Changes, StringComparison.Ordinal);

        using var admin = await app.AsAsync("admin@demo.local");
        var audit = await admin.PageAsync($"/admin/audit?entity=SavedView&entityId={view.Id}");
        var text = audit.QuerySelector("table[data-testid='audit']")!.TextContent;
        Assert.Contains("已存视图", text, StringComparison.Ordinal);
        Assert.Contains("名称：洽谈中 → 重点洽谈", System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "), StringComparison.Ordinal);
        Assert.Contains("列表：招商项目", System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_rename_is_a_conflict_that_keeps_the_typed_name_and_changes_nothing()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local", culture: "en");
        var (view, _) = await SavedAsync(app, staff1, "/projects?stage=contacted", "Contacted");
        var manage = await staff1.PageAsync("/saved-views");
        await staff1.FollowAsync(await staff1.SubmitAsync(manage, $"li[data-view='{view.Id}'] form[data-testid=rename-form]", new Dictionary<string, string> { ["name"] = "Contacted 2" }));

        // The first page's form still carries version 1.
        var stale = await TestBrowser.ParseAsync(await staff1.SubmitAsync(manage, $"li[data-view='{view.Id}'] form[data-testid=rename-form]", new Dictionary<string, string> { ["name"] = "Contacted 3" }));

        Assert.Contains("someone else changed this record", stale.QuerySelector("[data-testid=problem]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Contacted 3", Entry(stale, view.Id)!.QuerySelector("input[name=name]")!.GetAttribute("value"));
        Assert.Equal("Contacted 2", (await FindAsync(app, view.Id))!.Name);
    }

    [Fact]
    public async Task The_tabs_show_a_view_renamed_or_deleted_on_another_node_at_the_next_page()
    {
        // The tabs are kept per reader with the SavedViews and Users counters: these writes are not this node's code.
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var (view, list) = await SavedAsync(app, staff1, "/enterprises?kind=local", "另一节点前");
        Assert.Equal("另一节点前", Tab(list, view.Id)!.TextContent.Trim());
        Assert.NotNull(Tab(await staff1.PageAsync("/enterprises"), view.Id));
        // A later view, so that deleting this one below does not free the largest id for SQLite to hand out again.
        await SavedAsync(app, staff1, "/enterprises?kind=prospect", "另一节点之后");

        await app.Db.ExecuteAsync("UPDATE SavedViews SET Name = '另一节点后', NameKey = '另一节点后' WHERE Id = @Id", new { view.Id });
        Assert.Equal("另一节点后", Tab(await staff1.PageAsync("/enterprises"), view.Id)!.TextContent.Trim());

        await app.Db.ExecuteAsync("DELETE FROM SavedViews WHERE Id = @Id", new { view.Id });
        Assert.Null(Tab(await staff1.PageAsync("/enterprises"), view.Id));
    }
}
