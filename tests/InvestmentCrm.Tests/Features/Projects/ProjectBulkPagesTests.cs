using System.Net;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using static InvestmentCrm.Tests.Features.Attachments.AttachmentSamples;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>
/// The ticks on /projects: everyone exports the ticked projects they may see (CSV, XLSX); Leaders and Admins give
/// them to another owner after a confirmation, one audited update per project. staff1 (招商一科) owns 001/003/006,
/// staff2 (招商二科) 002/004/005.
/// </summary>
public sealed class ProjectBulkPagesTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private Task<long> UserIdAsync(string email) => app.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = @email", new { email });

    private Task<string> OwnerOfAsync(string code) =>
        app.ScalarAsync<string>("SELECT u.Email FROM Projects p JOIN Users u ON u.Id = p.OwnerUserId WHERE p.Code = @code", new { code });

    private static async Task<IReadOnlyList<string>> ExportedCodesAsync(TestBrowser browser, string query, string fileName)
    {
        var response = await browser.GetAsync("/projects/export?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. ImportTestFiles.ReadBytes(await response.Content.ReadAsByteArrayAsync(), fileName).Rows.Select(r => r.Values["code"])];
    }

    [Fact]
    public async Task Staff_tick_and_export_their_selection_never_an_out_of_scope_project_and_see_no_reassign_control()
    {
        using var staff2 = await app.AsAsync("staff2@demo.local");
        var list = await staff2.PageAsync("/projects");
        Assert.Equal(3, list.QuerySelectorAll("input[type=checkbox][name=code][form=bulk]").Length);
        Assert.NotNull(list.QuerySelector("[data-testid=bulk-export-xlsx]"));
        Assert.Null(list.QuerySelector("[data-testid=bulk-reassign]"));
        Assert.Null(list.QuerySelector("[data-testid=bulk-to]"));

        const string Selection = "selection=true&code=JJ2026-002&code=JJ2026-001&code=JJ2026-004";
        Assert.Equal(["JJ2026-002", "JJ2026-004"], await ExportedCodesAsync(staff2, Selection + "&format=csv", "p.csv"));
        Assert.Equal(["JJ2026-002", "JJ2026-004"], await ExportedCodesAsync(staff2, Selection + "&format=xlsx", "p.xlsx"));
        Assert.Empty(await ExportedCodesAsync(staff2, "selection=true&format=xlsx", "p.xlsx"));
        Assert.Empty(await ExportedCodesAsync(staff2, "selection=true&code=JJ2026-001&format=csv", "p.csv"));
    }

    [Fact]
    public async Task A_staff_member_is_refused_the_reassign_page_and_a_forged_post_changes_nothing()
    {
        using var staff2 = await app.AsAsync("staff2@demo.local");
        var to = await UserIdAsync("staff2@demo.local");
        var audit = await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog");

        await AssertDeniedAsync(staff2, await staff2.GetAsync($"/projects/reassign?code=JJ2026-002&to={to}"));
        var token = (await staff2.PageAsync("/projects")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await staff2.Client.PostAsync("/projects/reassign", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("code", "JJ2026-001"), new("to", to.ToString())]));

        await AssertDeniedAsync(staff2, forged);
        Assert.Equal("staff1@demo.local", await OwnerOfAsync("JJ2026-001"));
        Assert.Equal(audit, await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog"));
    }

    [Fact]
    public async Task A_leader_reassigns_the_ticked_projects_after_a_confirmation_one_audit_entry_each_and_the_scope_follows()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        var list = await leader.PageAsync("/projects");
        var choices = list.QuerySelectorAll("[data-testid=bulk-to] option").Select(o => o.TextContent).ToList();
        Assert.Contains("李招商", choices);
        Assert.DoesNotContain("王建国", choices); // a Leader gives projects to Staff only (ProjectScope.MayAssign)
        var staff2 = await UserIdAsync("staff2@demo.local");

        var confirm = await leader.PageAsync($"/projects/reassign?code=JJ2026-001&code=JJ2026-003&to={staff2}");

        Assert.Equal(["JJ2026-001", "JJ2026-003"], confirm.QuerySelectorAll("[data-testid=selected] tr[data-project]").Select(r => r.GetAttribute("data-project")));
        Assert.Contains("2 个项目", confirm.QuerySelector("[data-testid=confirm]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("staff1@demo.local", await OwnerOfAsync("JJ2026-001")); // nothing changes before the POST

        var done = await leader.FollowAsync(await leader.SubmitAsync(confirm, "form[data-testid=confirm-form]", new Dictionary<string, string>()));

        Assert.Contains("已将 2 个项目改派给", done.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(("staff2@demo.local", "staff2@demo.local"), (await OwnerOfAsync("JJ2026-001"), await OwnerOfAsync("JJ2026-003")));
        var entries = await app.Db.QueryAsync<(string EntityId, string Changes)>(
            "SELECT EntityId, Changes FROM AuditLog WHERE Action = 'update' AND ActorName = 'leader@demo.local' AND EntityId IN ('JJ2026-001', 'JJ2026-003') ORDER BY EntityId");
        Assert.Equal(["JJ2026-001", "JJ2026-003"], entries.Select(e => e.EntityId));
        var staff1Id = await UserIdAsync("staff1@demo.local");
        Assert.All(entries, e => Assert.Contains($"\"OwnerUserId\":[{staff1Id},{staff2}]", e.Changes, StringComparison.Ordinal));
        using var staff1 = await app.AsAsync("staff1@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await staff1.GetAsync("/projects/JJ2026-001")).StatusCode);
        using var staff2Browser = await app.AsAsync("staff2@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await staff2Browser.GetAsync("/projects/JJ2026-001")).StatusCode);
    }

    [Fact]
    public async Task Bad_choices_are_explained_and_change_nothing()
    {
        using var leader = await app.AsAsync("leader@demo.local", culture: "en");
        var admin = await UserIdAsync("admin@demo.local");
        var audit = await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog");

        var notStaff = await leader.PageAsync($"/projects/reassign?code=JJ2026-006&to={admin}");
        Assert.Contains("not one you may assign", notStaff.QuerySelector("[data-testid=problem]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(notStaff.QuerySelector("form[data-testid=confirm-form]"));
        Assert.NotNull(notStaff.QuerySelector("form[data-testid=choose-form] select[name=to]"));

        var token = notStaff.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await leader.Client.PostAsync("/projects/reassign", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("code", "JJ2026-006"), new("to", admin.ToString())]));
        Assert.Contains("not one you may assign", (await TestBrowser.ParseAsync(forged)).QuerySelector("[data-testid=problem]")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/projects/reassign?code=NO-SUCH&code=JJ2026-006")).StatusCode);
        Assert.Contains("Tick the projects", (await leader.PageAsync("/projects/reassign")).QuerySelector("[data-testid=problem]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("staff1@demo.local", await OwnerOfAsync("JJ2026-006"));
        Assert.Equal(audit, await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog"));
    }
}
