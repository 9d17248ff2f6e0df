using System.Net;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;

namespace InvestmentCrm.Tests.Features.Account;

/// <summary>
/// A session ends on the server: once the user's security stamp changes (sign-out, password change or reset, role
/// change, disabling) every copy of an older sign-in cookie is refused at its very next request.
/// </summary>
public sealed class SessionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Password = "Passw0rd!x";

    [Fact]
    public async Task A_copied_sign_in_cookie_is_refused_once_its_owner_signs_out()
    {
        var jar = new CookieContainer();
        using var owner = app.NewBrowser(jar);
        var dashboard = await owner.FollowAsync(await owner.LoginAsync("staff1@demo.local", DemoSeeder.Password));
        using var thief = app.NewCookielessClient();
        var copied = jar.GetCookieHeader(new Uri("http://localhost/"));
        Assert.Contains("crm.auth=", copied, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(thief, "/projects", copied)).StatusCode);

        var signedOut = await owner.SubmitAsync(dashboard, "form[action='/account/logout']", new Dictionary<string, string>());
        Assert.Equal("/account/login", signedOut.Headers.Location!.ToString());

        var refused = await GetWithCookieAsync(thief, "/projects", copied);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("http://localhost/account/login", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_open_session_at_the_next_request()
    {
        using var quitter = await NewSignedInUserAsync("quitter@demo.local");
        using var admin = await app.SignedInAsync("admin@demo.local");

        var list = await admin.PageAsync("/admin/users?q=quitter");
        await admin.SubmitAsync(list, $"form[action*='handler=disable'][action*='id={quitter.Id}']", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, (await quitter.Browser.GetAsync("/projects")).StatusCode);
    }

    [Fact]
    public async Task A_role_change_ends_the_session_at_the_next_request()
    {
        using var promoted = await NewSignedInUserAsync("promoted@demo.local");
        using var admin = await app.SignedInAsync("admin@demo.local");

        var saved = await admin.PostFormAsync($"/admin/users/edit/{promoted.Id}", "main form:not([action*='resetpassword'])", new Dictionary<string, string> { ["Form.Role"] = "Leader" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await promoted.Browser.GetAsync("/projects")).StatusCode);
        using var again = await app.SignedInAsync("promoted@demo.local", Password);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/reports")).StatusCode);
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_and_keeps_this_one()
    {
        using var here = await NewSignedInUserAsync("rotator@demo.local");
        using var elsewhere = await app.SignedInAsync("rotator@demo.local", Password);

        var changed = await here.Browser.PostFormAsync("/account/changepassword", "main form", new Dictionary<string, string>
        {
            ["Form.CurrentPassword"] = Password, ["Form.NewPassword"] = "Rotated123", ["Form.ConfirmPassword"] = "Rotated123",
        });
        Assert.Equal("/", changed.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.OK, (await here.Browser.GetAsync("/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/projects")).StatusCode);
    }

    [Fact]
    public async Task An_admin_password_reset_ends_the_users_sessions()
    {
        using var forgetful = await NewSignedInUserAsync("forgetful@demo.local");
        using var admin = await app.SignedInAsync("admin@demo.local");

        var reset = await admin.PostFormAsync($"/admin/users/edit/{forgetful.Id}", "form[action*='resetpassword']", new Dictionary<string, string> { ["Reset.NewPassword"] = "Fresh1234" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await forgetful.Browser.GetAsync("/projects")).StatusCode);
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("stamp", "UPDATE Users SET SecurityStamp = 'CHANGED-ON-ANOTHER-NODE' WHERE Id = @Id")]
    [InlineData("disabled", "UPDATE Users SET IsDisabled = 1 WHERE Id = @Id")]
    public async Task A_change_written_by_another_node_ends_the_session_though_this_node_had_just_checked_it(string change, string write)
    {
        // This node keeps each user's stamp with the Users counter: the write below is not this node's code, only
        // the database's trigger tells it.
        using var user = await NewSignedInUserAsync($"node-{change}@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await user.Browser.GetAsync("/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.Browser.GetAsync("/projects")).StatusCode);

        await app.Db.ExecuteAsync(write, new { user.Id });

        Assert.Equal(HttpStatusCode.Redirect, (await user.Browser.GetAsync("/projects")).StatusCode);
    }

    /// <summary>A new Staff user, created by an admin, and a browser signed in as them.</summary>
    private async Task<SignedInUser> NewSignedInUserAsync(string email)
    {
        using (var admin = await app.SignedInAsync("admin@demo.local"))
        {
            var response = await admin.PostFormAsync("/admin/users/create", "main form", new Dictionary<string, string>
            {
                ["Form.Email"] = email, ["Form.DisplayName"] = "会话测试", ["Form.Role"] = "Staff", ["Form.Password"] = Password,
            });
            Assert.Equal("/admin/users", response.Headers.Location!.ToString());
        }

        var id = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = @email", new { email });
        return new SignedInUser(await app.SignedInAsync(email, Password), id);
    }

    private sealed record SignedInUser(TestBrowser Browser, long Id) : IDisposable
    {
        public void Dispose() => Browser.Dispose();
    }
}
