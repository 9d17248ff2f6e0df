using System.Net;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;

namespace InvestmentCrm.Tests.Infrastructure.Security;

/// <summary>
/// Rate limits with low limits (each test its own app, since the counts live in it; windows of an hour, so that
/// nothing runs out while a test runs). The rest of the suite runs with limits too high to meet.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Guesses_at_one_account_get_429_on_the_sign_in_page_before_the_account_locks()
    {
        using var app = App(passwordPerAccount: 3, maxFailures: 5);
        using var guesser = app.NewBrowser();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await guesser.LoginAsync("staff2@demo.local", "Wrong1234")).StatusCode);
        }

        var refused = await guesser.LoginAsync("staff2@demo.local", "Wrong1234");
        var rightButRefused = await guesser.LoginAsync("STAFF2@demo.local ", DemoSeeder.Password);

        foreach (var response in new[] { refused, rightButRefused })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal("3600", Assert.Single(response.Headers.GetValues("Retry-After")));
            var page = await TestBrowser.ParseAsync(response);
            Assert.Equal("尝试次数过多，请 60 分钟后再试。", page.QuerySelector(".alert-danger")!.TextContent.Trim());
            Assert.NotNull(page.QuerySelector("form input[name='Form.Password']"));
        }

        Assert.Equal("STAFF2@demo.local ", (await TestBrowser.ParseAsync(rightButRefused)).QuerySelector("input[name='Form.Email']")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await guesser.GetAsync("/")).StatusCode);
        // Refused attempts were never checked: three failures counted, the account is not locked.
        Assert.Equal(3, await app.Db.ExecuteScalarAsync<long>("SELECT AccessFailedCount FROM Users WHERE Email = 'staff2@demo.local'"));
        Assert.Null(await app.Db.ExecuteScalarAsync<DateTime?>("SELECT LockoutEndUtc FROM Users WHERE Email = 'staff2@demo.local'"));

        // Another account from the same client is not held up, and the refusal reads in English too.
        Assert.Equal(HttpStatusCode.OK, (await guesser.LoginAsync("staff1@demo.local", "Wrong1234")).StatusCode);
        var english = await guesser.PostFormAsync("/account/login?culture=en", "form", new Dictionary<string, string>
        {
            ["Form.Email"] = "staff2@demo.local", ["Form.Password"] = "Wrong1234",
        });
        Assert.Equal(HttpStatusCode.TooManyRequests, english.StatusCode);
        Assert.Equal("Too many attempts. Please try again in 60 min.", (await TestBrowser.ParseAsync(english)).QuerySelector(".alert-danger")!.TextContent.Trim());
    }

    [Fact]
    public async Task Password_attempts_from_one_client_get_429_whatever_the_accounts()
    {
        using var app = App(passwordPerClient: 3);
        using var sprayer = app.NewBrowser();
        foreach (var email in new[] { "a@demo.local", "b@demo.local", "c@demo.local" })
        {
            Assert.Equal(HttpStatusCode.OK, (await sprayer.LoginAsync(email, "Spring2026")).StatusCode);
        }

        var refused = await sprayer.LoginAsync("admin@demo.local", DemoSeeder.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("3600", Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.Null(refused.Headers.Location);
    }

    [Fact]
    public async Task Changing_the_password_draws_on_the_same_allowance_as_signing_in()
    {
        using var app = App(passwordPerAccount: 2);
        using var user = await app.SignedInAsync("staff1@demo.local");

        var wrong = await ChangePasswordAsync(user, "NotIt1234");
        var refused = await ChangePasswordAsync(user, DemoSeeder.Password);

        Assert.Contains("当前密码不正确", (await TestBrowser.ParseAsync(wrong)).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("尝试次数过多，请 60 分钟后再试。", (await TestBrowser.ParseAsync(refused)).QuerySelector(".alert-danger")!.TextContent.Trim());
        using var check = app.NewBrowser();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await check.LoginAsync("staff1@demo.local", "Changed1234")).StatusCode);
    }

    [Fact]
    public async Task Visitors_who_are_not_signed_in_get_the_localized_429_page_beyond_their_limit()
    {
        using var app = App(anonymousPerClient: 5);
        // Signing in takes two anonymous requests (the form and its post); signed-in requests are not counted.
        using var signedIn = await app.SignedInAsync("leader@demo.local");
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/projects")).StatusCode);
        }

        using var visitor = app.NewBrowser();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await visitor.GetAsync("/account/login")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        var refused = await visitor.GetAsync("/health");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("3600", Assert.Single(refused.Headers.GetValues("Retry-After")));
        var page = await TestBrowser.ParseAsync(await visitor.GetAsync("/account/login?culture=zh-CN"));
        Assert.Equal("请求过于频繁", page.QuerySelector("h1")!.TextContent.Trim());
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(TestBrowser user, string current) =>
        user.PostFormAsync("/account/changepassword", "main form", new Dictionary<string, string>
        {
            ["Form.CurrentPassword"] = current, ["Form.NewPassword"] = "Changed1234", ["Form.ConfirmPassword"] = "Changed1234",
        });

    private static AppFactory App(int passwordPerClient = 1000, int passwordPerAccount = 1000, int anonymousPerClient = 100_000, int maxFailures = 3)
    {
        var app = new AppFactory();
        app.Settings["Identity:MaxFailedAccessAttempts"] = maxFailures.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, limit) in new[] { ("PasswordPerClient", passwordPerClient), ("PasswordPerAccount", passwordPerAccount), ("AnonymousPerClient", anonymousPerClient) })
        {
            app.Settings[$"Security:RateLimits:{name}:PermitLimit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            app.Settings[$"Security:RateLimits:{name}:WindowSeconds"] = "3600";
        }

        return app;
    }
}
