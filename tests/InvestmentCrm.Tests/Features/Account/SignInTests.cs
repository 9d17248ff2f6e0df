using System.Net;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Tests.Features.Account;

/// <summary>
/// Signing in tells nothing about an account to someone without its password: the same work (one password hash)
/// and the same answer for an unknown e-mail, a wrong password and a locked account; failures lock disabled
/// accounts too; guesses sent at once are all counted. Timing itself is measured by bench/signin-timing.sh.
/// </summary>
public sealed class SignInTests(SignInTests.CountingApp app) : IClassFixture<SignInTests.CountingApp>
{
    private const string Password = "Passw0rd!x";

    [Fact]
    public async Task Every_attempt_verifies_exactly_one_password_hash_whether_or_not_the_account_exists()
    {
        await CreateUserAsync("hashed@demo.local");
        await CreateUserAsync("hashed-locked@demo.local");
        await CreateUserAsync("hashed-disabled@demo.local");
        await LockAsync("hashed-locked@demo.local");
        await app.Db.ExecuteAsync("UPDATE Users SET IsDisabled = 1 WHERE Email = 'hashed-disabled@demo.local'");
        using var browser = app.NewBrowser();

        foreach (var (email, password) in new[]
        {
            ("nobody-here@demo.local", "Wrong1234"),
            ("hashed@demo.local", "Wrong1234"),
            ("hashed-locked@demo.local", "Wrong1234"),
            ("hashed-locked@demo.local", Password),
            ("hashed-disabled@demo.local", "Wrong1234"),
            ("hashed-disabled@demo.local", Password),
        })
        {
            var before = app.Hashes.Verified;
            var response = await browser.LoginAsync(email, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(app.Hashes.Verified - before == 1, $"{email} / {password}: {app.Hashes.Verified - before} password hashes verified");
        }
    }

    [Fact]
    public async Task A_locked_account_answers_exactly_like_an_unknown_email_even_to_the_right_password()
    {
        await CreateUserAsync("locked-out@demo.local");
        await LockAsync("locked-out@demo.local");
        using var browser = app.NewBrowser();

        var unknown = await MessageAsync(await browser.LoginAsync("never-existed@demo.local", Password));
        var locked = await MessageAsync(await browser.LoginAsync("locked-out@demo.local", Password));

        Assert.Equal(unknown, locked);
        Assert.Equal("邮箱或密码不正确。连续输错 3 次，账户将锁定 15 分钟。", locked);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_lock_a_disabled_account_like_any_other_and_only_the_right_one_hears_it_is_disabled()
    {
        await CreateUserAsync("disabled-guess@demo.local");
        await app.Db.ExecuteAsync("UPDATE Users SET IsDisabled = 1 WHERE Email = 'disabled-guess@demo.local'");
        using var browser = app.NewBrowser();

        Assert.Equal("该账户已停用，请联系系统管理员。", await MessageAsync(await browser.LoginAsync("disabled-guess@demo.local", Password)));
        for (var i = 0; i < 3; i++)
        {
            Assert.StartsWith("邮箱或密码不正确", await MessageAsync(await browser.LoginAsync("disabled-guess@demo.local", "Wrong1234")), StringComparison.Ordinal);
        }

        Assert.NotNull(await app.Db.ExecuteScalarAsync<DateTime?>("SELECT LockoutEndUtc FROM Users WHERE Email = 'disabled-guess@demo.local'"));
        Assert.StartsWith("邮箱或密码不正确", await MessageAsync(await browser.LoginAsync("disabled-guess@demo.local", Password)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_guesses_sent_at_once_are_all_counted()
    {
        await CreateUserAsync("burst@demo.local");
        var guessers = Enumerable.Range(0, 3).Select(_ => app.NewBrowser()).ToList();
        var forms = await Task.WhenAll(guessers.Select(g => g.PageAsync("/account/login")));

        await Task.WhenAll(guessers.Select((g, i) => g.SubmitAsync(forms[i], "form", new Dictionary<string, string>
        {
            ["Form.Email"] = "burst@demo.local", ["Form.Password"] = "Wrong1234",
        })));

        // The third counted failure locks the account (and starts the count again).
        Assert.NotNull(await app.Db.ExecuteScalarAsync<DateTime?>("SELECT LockoutEndUtc FROM Users WHERE Email = 'burst@demo.local'"));
        guessers.ForEach(g => g.Dispose());
    }

    [Fact]
    public async Task A_successful_sign_in_clears_the_failures_and_records_the_time()
    {
        await CreateUserAsync("forgiven@demo.local");
        using var browser = app.NewBrowser();
        await browser.LoginAsync("forgiven@demo.local", "Wrong1234");
        await browser.LoginAsync("forgiven@demo.local", "Wrong1234");

        Assert.Equal("/", (await browser.LoginAsync("forgiven@demo.local", Password)).Headers.Location!.ToString());

        Assert.Equal(0, await app.Db.ExecuteScalarAsync<long>("SELECT AccessFailedCount FROM Users WHERE Email = 'forgiven@demo.local'"));
        Assert.NotNull(await app.Db.ExecuteScalarAsync<DateTime?>("SELECT LastSignInAtUtc FROM Users WHERE Email = 'forgiven@demo.local'"));
    }

    private async Task LockAsync(string email)
    {
        using var guesser = app.NewBrowser();
        for (var i = 0; i < 3; i++)
        {
            await guesser.LoginAsync(email, "Wrong1234");
        }

        Assert.NotNull(await app.Db.ExecuteScalarAsync<DateTime?>("SELECT LockoutEndUtc FROM Users WHERE Email = @email", new { email }));
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (await TestBrowser.ParseAsync(response)).QuerySelector(".alert-danger")!.TextContent.Trim();

    private async Task CreateUserAsync(string email)
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var response = await admin.PostFormAsync("/admin/users/create", "main form", new Dictionary<string, string>
        {
            ["Form.Email"] = email, ["Form.DisplayName"] = "登录测试", ["Form.Role"] = "Staff", ["Form.Password"] = Password,
        });
        Assert.Equal("/admin/users", response.Headers.Location!.ToString());
    }

    /// <summary>The app with a password hasher that counts the hashes it verifies.</summary>
    public sealed class CountingApp : AppFactory
    {
        public HashCounter Hashes { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(Hashes);
                services.AddScoped<IPasswordHasher<AppUser>, CountingHasher>();
            });
        }
    }

    public sealed class HashCounter
    {
        private int verified;

        public int Verified => Volatile.Read(ref verified);

        public void Add() => Interlocked.Increment(ref verified);
    }

    private sealed class CountingHasher(HashCounter counter, IOptions<PasswordHasherOptions> options) : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> inner = new(options);

        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            counter.Add();
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
