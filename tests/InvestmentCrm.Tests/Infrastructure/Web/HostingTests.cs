using System.Net;
using InvestmentCrm.Tests.Support;
using Microsoft.Data.Sqlite;

namespace InvestmentCrm.Tests.Infrastructure.Web;

public sealed class HostingTests
{
    [Fact]
    public async Task Health_answers_503_when_the_database_is_gone()
    {
        using var app = new AppFactory();
        using var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/health")).StatusCode);

        SqliteConnection.ClearAllPools();
        File.Delete(app.DatabasePath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Two_web_nodes_on_one_database_accept_each_others_sign_in_cookie()
    {
        using var nodeA = new AppFactory();
        using var nodeB = new SharedDatabaseFactory(nodeA.DatabasePath);
        using var onA = await nodeA.SignedInAsync("leader@demo.local");
        var cookies = onA.Client.DefaultRequestHeaders;
        _ = cookies;

        // Replay A's cookies against B: the key ring lives in the shared database, so B can read them.
        var handler = nodeB.NewBrowser();
        var login = await onA.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var authCookie = await CaptureAuthCookieAsync(nodeA);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", authCookie);
        var onB = await handler.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Contains("王建国", await onB.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await nodeA.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM DataProtectionKeys") >= 1);
    }

    [Fact]
    public async Task A_changed_migration_stops_the_app_and_the_command_line_with_a_clear_error()
    {
        using var app = new AppFactory();
        using (app.NewBrowser())
        {
        }

        await app.Db.ExecuteAsync("UPDATE SchemaJournal SET Checksum = 'ABCDEF0123456789' WHERE ScriptName = '0001_initial.sql'");
        SqliteConnection.ClearAllPools();

        var web = await InvestmentCrm.Web.AppHost.RunWebAsync(
            [$"--ConnectionStrings:Default=Data Source={app.DatabasePath}", "--urls=http://127.0.0.1:0"]);
        var cli = await Support.Cli.RunAsync(app.DatabasePath, "migrate");

        Assert.Equal(1, web);
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("0001_initial.sql was changed after it was applied", cli.Error, StringComparison.Ordinal);
    }

    private static async Task<string> CaptureAuthCookieAsync(AppFactory app)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/account/login");
        var token = RawForms.Token(await page.Content.ReadAsStringAsync());
        var antiforgeryCookie = RawForms.CookiesOf(page);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Form.Email"] = "leader@demo.local",
                ["Form.Password"] = InvestmentCrm.Web.Features.Demo.DemoSeeder.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var response = await client.SendAsync(post);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("crm.auth", StringComparison.Ordinal)));
    }

    /// <summary>A second app (another web node) on the database file of the first.</summary>
    private sealed class SharedDatabaseFactory : AppFactory
    {
        public SharedDatabaseFactory(string databasePath) => Settings["ConnectionStrings:Default"] = $"Data Source={databasePath}";
    }
}
