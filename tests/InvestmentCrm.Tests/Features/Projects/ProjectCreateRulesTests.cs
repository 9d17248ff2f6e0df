using System.Net;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>
/// Who creates projects, and for whom (ProjectScope.CanCreate): Staff create their own, Leaders create them for a
/// Staff member they choose, Admins for anyone — and every "create project" button agrees, so none is a dead end.
/// </summary>
public sealed class ProjectCreateRulesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Form = "form[data-testid=project-form]";

    [Theory]
    [InlineData("staff1@demo.local")]
    [InlineData("leader@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task Every_create_button_a_role_sees_opens_the_project_form(string email)
    {
        using var reader = await app.SignedInAsync(email);
        var prospect = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Enterprises WHERE Name = '上海瑞晟吊挂系统有限公司'");

        foreach (var page in new[] { "/projects", "/projects/board", $"/enterprises/{prospect}", "/chains/SEW/gaps/HANG" })
        {
            var links = (await reader.PageAsync(page)).QuerySelectorAll("a[href^='/projects/create']").Select(a => a.GetAttribute("href")!).ToList();
            Assert.True(links.Count > 0, $"{email} sees no create button on {page}");
            foreach (var link in links)
            {
                var response = await reader.GetAsync(link);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{email}: {link} on {page} answered {(int)response.StatusCode}");
                Assert.NotNull((await TestBrowser.ParseAsync(response)).QuerySelector(Form));
            }
        }
    }

    [Fact]
    public async Task A_leader_creates_a_project_for_the_staff_member_they_choose_from_a_gap()
    {
        using var leader = await app.SignedInAsync("leader@demo.local");
        var gap = await leader.PageAsync("/chains/SEW/gaps/HANG");
        var form = await leader.PageAsync(gap.QuerySelector("a[data-testid=create-project]")!.GetAttribute("href")!);

        // Only Staff are offered, and nobody is chosen for the leader.
        Assert.Equal(["", "李招商", "陈晓燕"], OwnerOptions(form).Select(o => o.GetAttribute("value") == "" ? "" : o.TextContent.Trim()));
        Assert.Equal("", ((AngleSharp.Html.Dom.IHtmlSelectElement)form.QuerySelector("#Form_OwnerUserId")!).Value);
        Assert.NotEqual("", ((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector("#Form_Enterprise")!).Value);

        var staff2 = await UserIdAsync("staff2@demo.local");
        var created = await leader.SubmitAsync(form, Form, new Dictionary<string, string> { ["Form.Title"] = "瑞晟吊挂系统华东基地", ["Form.OwnerUserId"] = staff2.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var project = await app.Db.QuerySingleOrDefaultAsync<(string Code, long OwnerUserId, string Team, long CreatedByUserId)>("""
            SELECT p.Code, p.OwnerUserId, t.Name AS Team, p.CreatedByUserId FROM Projects p JOIN Teams t ON t.Id = p.TeamId WHERE p.Title = '瑞晟吊挂系统华东基地'
            """);
        Assert.Equal((staff2, "招商二科", await UserIdAsync("leader@demo.local")), (project.OwnerUserId, project.Team, project.CreatedByUserId));
        Assert.Equal("/projects/" + project.Code, created.Headers.Location?.OriginalString);
        Assert.Equal(1L, await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ProjectNodes pn JOIN Projects p ON p.Id = pn.ProjectId WHERE p.Code = @Code", new { project.Code }));
        using var owner = await app.SignedInAsync("staff2@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/projects/" + project.Code)).StatusCode);
        using var other = await app.SignedInAsync("staff1@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/projects/" + project.Code)).StatusCode);
    }

    [Theory]
    [InlineData("", "请填写负责人。")]
    [InlineData("leader@demo.local", "您不能把项目交给这位负责人：领导只能指派给招商人员，招商人员只能为自己创建项目。")]
    [InlineData("admin@demo.local", "您不能把项目交给这位负责人：领导只能指派给招商人员，招商人员只能为自己创建项目。")]
    public async Task A_leader_must_give_the_project_to_a_staff_member_and_keeps_what_they_typed(string ownerEmail, string message)
    {
        using var leader = await app.SignedInAsync("leader@demo.local");
        var form = await leader.PageAsync("/projects/create");
        var owner = ownerEmail == "" ? "" : (await UserIdAsync(ownerEmail)).ToString();
        var title = "无主项目" + Guid.NewGuid().ToString("N")[..6];
        var enterprise = await app.Db.ExecuteScalarAsync<long>("SELECT MIN(Id) FROM Enterprises");

        var response = await leader.SubmitAsync(form, Form, new Dictionary<string, string>
        {
            ["Form.Title"] = title,
            ["Form.EnterpriseId"] = enterprise.ToString(),
            ["Form.OwnerUserId"] = owner,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-valmsg-for='Form.OwnerUserId']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(title, page.QuerySelector("#Form_Title")!.GetAttribute("value"));
        Assert.Equal(0L, await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Projects WHERE Title = @Title", new { Title = title }));
    }

    [Fact]
    public async Task Staff_own_what_they_create_whatever_owner_the_form_sends()
    {
        using var staff1 = await app.SignedInAsync("staff1@demo.local");
        var form = await staff1.PageAsync("/projects/create");
        Assert.Null(form.QuerySelector("#Form_OwnerUserId"));

        var created = await staff1.SubmitAsync(form, Form, new Dictionary<string, string>
        {
            ["Form.Title"] = "自建项目",
            ["Form.EnterpriseId"] = (await app.Db.ExecuteScalarAsync<long>("SELECT MIN(Id) FROM Enterprises")).ToString(),
            ["Form.OwnerUserId"] = (await UserIdAsync("staff2@demo.local")).ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(await UserIdAsync("staff1@demo.local"), await app.Db.ExecuteScalarAsync<long>("SELECT OwnerUserId FROM Projects WHERE Title = '自建项目'"));
    }

    [Fact]
    public async Task Admins_may_give_a_new_project_to_anyone_and_start_as_its_owner()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var form = await admin.PageAsync("/projects/create");

        var options = OwnerOptions(form).Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal(new[] { "李招商", "王建国", "系统管理员", "陈晓燕" }.Order(), options.Order());
        Assert.Equal((await UserIdAsync("admin@demo.local")).ToString(), ((AngleSharp.Html.Dom.IHtmlSelectElement)form.QuerySelector("#Form_OwnerUserId")!).Value);

        var leaderId = await UserIdAsync("leader@demo.local");
        var created = await admin.SubmitAsync(form, Form, new Dictionary<string, string>
        {
            ["Form.Title"] = "领导牵头项目",
            ["Form.EnterpriseId"] = (await app.Db.ExecuteScalarAsync<long>("SELECT MIN(Id) FROM Enterprises")).ToString(),
            ["Form.OwnerUserId"] = leaderId.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(leaderId, await app.Db.ExecuteScalarAsync<long>("SELECT OwnerUserId FROM Projects WHERE Title = '领导牵头项目'"));
    }

    private static IEnumerable<IElement> OwnerOptions(IDocument form) => form.QuerySelectorAll("#Form_OwnerUserId option");

    private async Task<long> UserIdAsync(string email) =>
        await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = @Email", new { Email = email });
}
