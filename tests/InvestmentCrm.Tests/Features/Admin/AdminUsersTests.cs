using System.Net;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;

namespace InvestmentCrm.Tests.Features.Admin;

public sealed class AdminUsersTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Admin_creates_a_user_with_a_new_team_who_can_then_sign_in()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");

        var created = await admin.PostFormAsync("/admin/users/create", "main form", new Dictionary<string, string>
        {
            ["Form.Email"] = "newbie@demo.local", ["Form.DisplayName"] = "周新人", ["Form.Role"] = "Leader",
            ["Form.Team"] = "产业链专班", ["Form.Password"] = "Start1234",
        });
        var list = await admin.FollowAsync(created);

        var row = list.QuerySelector("tr[data-user='newbie@demo.local']")!;
        Assert.Contains("周新人", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("分管领导", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("产业链专班", row.TextContent, StringComparison.Ordinal);
        using var newbie = app.NewBrowser();
        Assert.Equal("/", (await newbie.LoginAsync("newbie@demo.local", "Start1234")).Headers.Location!.ToString());
        var audit = await app.Db.QueryAsync<string>("SELECT Action FROM AuditLog WHERE EntityType = 'User' AND Changes LIKE '%newbie@demo.local%'");
        Assert.Contains("create", audit);
    }

    [Fact]
    public async Task A_duplicate_email_or_weak_password_is_refused_and_the_input_kept()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");

        var response = await admin.PostFormAsync("/admin/users/create", "main form", new Dictionary<string, string>
        {
            ["Form.Email"] = "staff2@demo.local", ["Form.DisplayName"] = "重复的人", ["Form.Role"] = "Staff", ["Form.Password"] = "Start1234",
        });
        var page = await TestBrowser.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已被其他用户使用", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("重复的人", page.QuerySelector("input[name='Form.DisplayName']")!.GetAttribute("value"));

        response = await admin.PostFormAsync("/admin/users/create?culture=en", "main form", new Dictionary<string, string>
        {
            ["Form.Email"] = "weak@demo.local", ["Form.DisplayName"] = "Weak", ["Form.Role"] = "Staff", ["Form.Password"] = "onlyletters",
        });
        page = await TestBrowser.ParseAsync(response);
        Assert.Contains("at least one digit", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Users WHERE Email = 'weak@demo.local'"));
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_is_told_why_only_with_the_right_password()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        await admin.PostFormAsync("/admin/users/create", "main form", new Dictionary<string, string>
        {
            ["Form.Email"] = "leaver@demo.local", ["Form.DisplayName"] = "离职者", ["Form.Role"] = "Staff", ["Form.Password"] = "Leave1234",
        });
        using var leaver = await app.SignedInAsync("leaver@demo.local", "Leave1234");
        var id = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'leaver@demo.local'");

        var list = await admin.PageAsync("/admin/users?q=leaver");
        Assert.NotNull(list.QuerySelector("form[data-confirm]"));
        var disabled = await admin.SubmitAsync(list, $"form[action*='handler=disable'][action*='id={id}']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        using var again = app.NewBrowser();
        var right = await TestBrowser.ParseAsync(await again.LoginAsync("leaver@demo.local", "Leave1234"));
        Assert.Contains("该账户已停用", right.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        var wrong = await TestBrowser.ParseAsync(await again.LoginAsync("leaver@demo.local", "Wrong1234"));
        Assert.Contains("邮箱或密码不正确", wrong.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.True(await app.Db.ExecuteScalarAsync<bool>("SELECT IsDisabled FROM Users WHERE Id = @id", new { id }));

        list = await admin.PageAsync("/admin/users?q=leaver");
        await admin.SubmitAsync(list, $"form[action*='handler=enable'][action*='id={id}']", new Dictionary<string, string>());
        using var back = app.NewBrowser();
        Assert.Equal("/", (await back.LoginAsync("leaver@demo.local", "Leave1234")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task An_admin_cannot_disable_themselves()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var id = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'admin@demo.local'");

        var list = await admin.PageAsync("/admin/users?q=admin%40demo");
        var page = await admin.FollowAsync(await admin.SubmitAsync(list, $"form[action*='handler=disable'][action*='id={id}']", new Dictionary<string, string>()));

        Assert.Contains("不能停用自己的账户", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.Db.ExecuteScalarAsync<bool>("SELECT IsDisabled FROM Users WHERE Id = @id", new { id }));
    }

    [Fact]
    public async Task Admin_changes_role_and_team_and_resets_the_password()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        await admin.PostFormAsync("/admin/users/create", "main form", new Dictionary<string, string>
        {
            ["Form.Email"] = "mover@demo.local", ["Form.DisplayName"] = "调动者", ["Form.Role"] = "Staff", ["Form.Team"] = "招商一科", ["Form.Password"] = "Mover1234",
        });
        var id = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'mover@demo.local'");

        var saved = await admin.PostFormAsync($"/admin/users/edit/{id}", "main form:not([action*='resetpassword'])", new Dictionary<string, string>
        {
            ["Form.Role"] = "Leader", ["Form.Team"] = "招商二科",
        });
        Assert.True(saved.Headers.Location is not null, await saved.Content.ReadAsStringAsync());
        Assert.Equal("/admin/users", saved.Headers.Location!.ToString());
        Assert.Equal("Leader", await app.Db.ExecuteScalarAsync<string>("SELECT r.Name FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = @id", new { id }));
        Assert.Equal("招商二科", await app.Db.ExecuteScalarAsync<string>("SELECT t.Name FROM Users u JOIN Teams t ON t.Id = u.TeamId WHERE u.Id = @id", new { id }));

        var reset = await admin.PostFormAsync($"/admin/users/edit/{id}", "form[action*='resetpassword']", new Dictionary<string, string> { ["Reset.NewPassword"] = "Reset5678" });
        Assert.Equal("/admin/users", reset.Headers.Location!.ToString());
        using var mover = app.NewBrowser();
        Assert.Equal("/", (await mover.LoginAsync("mover@demo.local", "Reset5678")).Headers.Location!.ToString());
        var actions = await app.Db.QueryAsync<string>("SELECT Action FROM AuditLog WHERE EntityType = 'User' AND EntityId = @Id ORDER BY Id", new { Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(["create", "update", "reset-password"], actions);
    }

    [Fact]
    public async Task A_second_admin_saving_a_stale_form_is_refused_and_keeps_their_input()
    {
        using var first = await app.SignedInAsync("admin@demo.local");
        using var second = await app.SignedInAsync("admin@demo.local");
        var id = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'staff2@demo.local'");
        var firstForm = await first.PageAsync($"/admin/users/edit/{id}");
        var secondForm = await second.PageAsync($"/admin/users/edit/{id}");

        var ok = await first.SubmitAsync(firstForm, "main form:not([action*='resetpassword'])", new Dictionary<string, string> { ["Form.DisplayName"] = "陈晓燕（一）" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var conflict = await second.SubmitAsync(secondForm, "main form:not([action*='resetpassword'])", new Dictionary<string, string> { ["Form.DisplayName"] = "陈晓燕（二）" });

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await TestBrowser.ParseAsync(conflict);
        Assert.Contains("已被他人修改", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("陈晓燕（二）", page.QuerySelector("input[name='Form.DisplayName']")!.GetAttribute("value"));
        Assert.Equal("陈晓燕（一）", await app.Db.ExecuteScalarAsync<string>("SELECT DisplayName FROM Users WHERE Id = @id", new { id }));
    }

    [Fact]
    public async Task The_user_list_filters_by_role_and_pages()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");

        var leaders = await admin.PageAsync("/admin/users?role=Leader");
        var rows = leaders.QuerySelectorAll("tr[data-user]");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("分管领导", r.TextContent, StringComparison.Ordinal));

        var none = await admin.PageAsync("/admin/users?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E4%BA%BA");
        Assert.NotNull(none.QuerySelector("[data-testid='empty']"));

        var sorted = await admin.PageAsync("/admin/users?sort=-email&p=99");
        Assert.NotNull(sorted.QuerySelector("[data-testid='empty']"));
    }

    [Fact]
    public async Task Editing_an_unknown_user_is_not_found()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/users/edit/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/users/edit/abc")).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_lists_user_changes_for_admins()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");

        var page = await admin.PageAsync("/admin/audit?entity=User");

        Assert.NotEmpty(page.QuerySelectorAll("table[data-testid='audit'] tbody tr"));
        Assert.Contains("demo", page.QuerySelector("table[data-testid='audit']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_see_locked_accounts_with_their_lockout_and_clear_it_with_an_audit_entry()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        await admin.PostFormAsync("/admin/users/create", "main form", new Dictionary<string, string>
        {
            ["Form.Email"] = "guessed@demo.local", ["Form.DisplayName"] = "被猜者", ["Form.Role"] = "Staff", ["Form.Password"] = "Guess1234",
        });
        var id = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'guessed@demo.local'");
        using var guesser = app.NewBrowser();
        await guesser.LoginAsync("guessed@demo.local", "Wrong1234");
        var counting = (await admin.PageAsync("/admin/users?q=guessed")).QuerySelector("tr[data-user='guessed@demo.local']")!;
        Assert.Equal("连续登录失败 1 次", counting.QuerySelector("[data-testid='failed-sign-ins']")!.TextContent.Trim());
        await guesser.LoginAsync("guessed@demo.local", "Wrong1234");
        await guesser.LoginAsync("guessed@demo.local", "Wrong1234");
        var lockedUntil = await app.Db.ExecuteScalarAsync<DateTime>("SELECT LockoutEndUtc FROM Users WHERE Id = @id", new { id });

        var locked = await admin.PageAsync("/admin/users?status=locked");
        Assert.Equal(["guessed@demo.local"], locked.QuerySelectorAll("tr[data-user]").Select(r => r.GetAttribute("data-user")));
        var row = locked.QuerySelector("tr[data-user='guessed@demo.local']")!;
        Assert.NotNull(row.QuerySelector("[data-testid='locked']"));
        Assert.Contains("锁定至", row.TextContent, StringComparison.Ordinal);

        var unlocked = await admin.FollowAsync(await admin.SubmitAsync(locked, $"form[action*='handler=unlock'][action*='id={id}']", new Dictionary<string, string>()));
        Assert.Contains("已解锁 被猜者", unlocked.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await admin.PageAsync("/admin/users?status=locked")).QuerySelectorAll("tr[data-user]"));
        Assert.Null(await app.Db.ExecuteScalarAsync<DateTime?>("SELECT LockoutEndUtc FROM Users WHERE Id = @id", new { id }));
        var audit = await app.Db.ExecuteScalarAsync<string>(
            "SELECT Changes FROM AuditLog WHERE EntityType = 'User' AND EntityId = @Id AND Action = 'unlock'", new { Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var changes = System.Text.Json.JsonDocument.Parse(audit!);
        Assert.Equal("guessed@demo.local", changes.RootElement.GetProperty("Email").GetString());
        var lockout = changes.RootElement.GetProperty("LockoutEndUtc");
        Assert.Equal(lockedUntil, lockout[0].GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, lockout[1].ValueKind);
        Assert.Equal("/", (await guesser.LoginAsync("guessed@demo.local", "Guess1234")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task Seeded_demo_users_sign_in_with_the_documented_password()
    {
        foreach (var (email, _, _, _) in DemoSeeder.Users)
        {
            using var browser = app.NewBrowser();
            Assert.Equal("/", (await browser.LoginAsync(email, DemoSeeder.Password)).Headers.Location!.ToString());
        }
    }
}
