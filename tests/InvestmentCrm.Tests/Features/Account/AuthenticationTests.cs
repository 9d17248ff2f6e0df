using System.Net;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;

namespace InvestmentCrm.Tests.Features.Account;

public sealed class AuthenticationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    [InlineData("/admin/audit")]
    [InlineData("/account/changepassword")]
    public async Task Anonymous_requests_are_sent_to_the_login_page(string url)
    {
        using var browser = app.NewBrowser();

        var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_api_requests_get_401_instead_of_the_login_page()
    {
        using var browser = app.NewBrowser();

        var response = await browser.GetAsync("/api/chains/SEW/gaps");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Login_and_health_need_no_sign_in()
    {
        using var browser = app.NewBrowser();

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/login")).StatusCode);
        var health = await browser.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_user_signs_in_sees_the_dashboard_and_signs_out()
    {
        using var browser = app.NewBrowser();

        var login = await browser.LoginAsync("staff1@demo.local", DemoSeeder.Password);
        var dashboard = await browser.FollowAsync(login);

        Assert.Contains("李招商", dashboard.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var logout = await browser.SubmitAsync(dashboard, "form[action='/account/logout']", new Dictionary<string, string>());
        Assert.Equal("/account/login", logout.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        using var browser = app.NewBrowser();
        var page = await browser.PageAsync("/account/login?ReturnUrl=%2Fadmin%2Fusers");
        var response = await browser.SubmitAsync(page, "form", new Dictionary<string, string> { ["Form.Email"] = "admin@demo.local", ["Form.Password"] = DemoSeeder.Password });
        Assert.Equal("/admin/users", response.Headers.Location!.ToString());

        using var other = app.NewBrowser();
        page = await other.PageAsync("/account/login?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        response = await other.SubmitAsync(page, "form", new Dictionary<string, string> { ["Form.Email"] = "admin@demo.local", ["Form.Password"] = DemoSeeder.Password });
        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_wrong_password_gets_a_clear_message_and_keeps_the_email()
    {
        using var browser = app.NewBrowser();

        var response = await browser.LoginAsync("leader@demo.local", "wrong-password1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains("邮箱或密码不正确", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("leader@demo.local", page.QuerySelector("input[name='Form.Email']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_for_the_right_password()
    {
        using var browser = app.NewBrowser();
        await CreateUserAsync("lockme@demo.local");

        for (var i = 0; i < 3; i++)
        {
            await browser.LoginAsync("lockme@demo.local", "wrong-password1");
        }

        // Locked: the right password is refused too, with the answer every failed attempt gets (which states the rule).
        var response = await browser.LoginAsync("lockme@demo.local", "Passw0rd!x");
        var page = await TestBrowser.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("邮箱或密码不正确。连续输错 3 次，账户将锁定 15 分钟。", page.QuerySelector(".alert-danger")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_message_as_a_wrong_password()
    {
        using var browser = app.NewBrowser();

        var page = await TestBrowser.ParseAsync(await browser.LoginAsync("nobody@demo.local", "whatever1"));

        Assert.Contains("邮箱或密码不正确", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_login_form_shows_localized_required_messages()
    {
        using var browser = app.NewBrowser();

        var page = await TestBrowser.ParseAsync(await browser.LoginAsync("", ""));

        Assert.Contains("请填写电子邮箱", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("请填写密码", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_changes_their_password_and_signs_in_with_the_new_one()
    {
        await CreateUserAsync("changer@demo.local");
        using var browser = await app.SignedInAsync("changer@demo.local", "Passw0rd!x");

        var wrong = await browser.PostFormAsync("/account/changepassword", "main form", new Dictionary<string, string>
        {
            ["Form.CurrentPassword"] = "not-it-1", ["Form.NewPassword"] = "NewPassw0rd", ["Form.ConfirmPassword"] = "NewPassw0rd",
        });
        Assert.Contains("当前密码不正确", (await TestBrowser.ParseAsync(wrong)).Body!.TextContent, StringComparison.Ordinal);

        var done = await browser.PostFormAsync("/account/changepassword", "main form", new Dictionary<string, string>
        {
            ["Form.CurrentPassword"] = "Passw0rd!x", ["Form.NewPassword"] = "NewPassw0rd", ["Form.ConfirmPassword"] = "NewPassw0rd",
        });
        Assert.Equal("/", done.Headers.Location!.ToString());

        using var fresh = app.NewBrowser();
        Assert.Equal("/", (await fresh.LoginAsync("changer@demo.local", "NewPassw0rd")).Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("staff1@demo.local")]
    [InlineData("leader@demo.local")]
    public async Task Admin_pages_are_forbidden_to_staff_and_leaders(string email)
    {
        using var browser = await app.SignedInAsync(email);

        foreach (var url in new[] { "/admin/users", "/admin/users/create", "/admin/audit" })
        {
            var response = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/account/accessdenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var denied = await browser.GetAsync("/account/accessdenied");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var page = await TestBrowser.ParseAsync(denied);
        Assert.DoesNotContain(page.QuerySelectorAll("a.nav-link"), a => a.GetAttribute("href") == "/admin/users");
    }

    [Fact]
    public async Task Admins_open_the_admin_pages()
    {
        using var browser = await app.SignedInAsync("admin@demo.local");

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/audit")).StatusCode);
    }

    [Fact]
    public async Task Logout_by_get_does_not_sign_out()
    {
        using var browser = await app.SignedInAsync("leader@demo.local");

        await browser.GetAsync("/account/logout");

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    private async Task CreateUserAsync(string email)
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var response = await admin.PostFormAsync("/admin/users/create", "main form", new Dictionary<string, string>
        {
            ["Form.Email"] = email, ["Form.DisplayName"] = "测试用户", ["Form.Role"] = "Staff", ["Form.Password"] = "Passw0rd!x",
        });
        Assert.Equal("/admin/users", response.Headers.Location!.ToString());
    }
}
