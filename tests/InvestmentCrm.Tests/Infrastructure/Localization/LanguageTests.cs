using System.Text.RegularExpressions;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Infrastructure.Localization;

public sealed class LanguageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Pages_are_chinese_by_default()
    {
        using var browser = app.NewBrowser();

        var page = await browser.PageAsync("/account/login");

        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("登录", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("登录", page.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Culture_query_switches_to_english_and_a_cookie_remembers_it()
    {
        using var browser = app.NewBrowser();

        var english = await browser.PageAsync("/account/login?culture=en");
        var remembered = await browser.PageAsync("/account/login");
        var back = await browser.PageAsync("/account/login?culture=zh-CN");

        Assert.Equal("Sign in", english.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign in", remembered.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("登录", back.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_language_links_keep_the_current_page_and_query()
    {
        using var browser = await app.SignedInAsync("admin@demo.local");

        var page = await browser.PageAsync("/admin/users?role=Staff");

        var english = page.QuerySelector("a[hreflang='en']")!.GetAttribute("href");
        Assert.Equal("/admin/users?role=Staff&culture=en", english);
    }

    [Fact]
    public async Task Validation_messages_follow_the_language()
    {
        using var browser = app.NewBrowser();

        var zh = await TestBrowser.ParseAsync(await browser.PostFormAsync("/account/login?culture=zh-CN", "form", new Dictionary<string, string> { ["Form.Email"] = "not-an-email", ["Form.Password"] = "x" }));
        var en = await TestBrowser.ParseAsync(await browser.PostFormAsync("/account/login?culture=en", "form", new Dictionary<string, string> { ["Form.Email"] = "not-an-email", ["Form.Password"] = "x" }));

        Assert.Contains("电子邮箱不是有效的电子邮箱地址", zh.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("E-mail is not a valid e-mail address", en.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dates_follow_the_language_and_the_shanghai_time_zone()
    {
        using var browser = await app.SignedInAsync("leader@demo.local");
        using var admin = await app.SignedInAsync("admin@demo.local");
        var signedInUtc = await app.Db.ExecuteScalarAsync<DateTime>("SELECT LastSignInAtUtc FROM Users WHERE Email = 'leader@demo.local'");
        var shanghai = signedInUtc.AddHours(8);

        var zh = await admin.PageAsync("/admin/users?q=leader%40demo&culture=zh-CN");
        var en = await admin.PageAsync("/admin/users?q=leader%40demo&culture=en");

        var zhText = zh.QuerySelector("tr[data-user='leader@demo.local']")!.TextContent;
        var enText = en.QuerySelector("tr[data-user='leader@demo.local']")!.TextContent;
        // Chinese shows the 24-hour clock with two-digit hours (01:49, not 1:49): whatever the hour the test runs at.
        Assert.Contains(shanghai.ToString("yyyy/M/d HH:mm", System.Globalization.CultureInfo.InvariantCulture), zhText, StringComparison.Ordinal);
        Assert.Matches(new Regex($@"{shanghai.Month}/{shanghai.Day}/{shanghai.Year} \d{{1,2}}:\d{{2}}\s?[AP]M"), enText);
    }

    [Fact]
    public async Task A_signed_in_user_keeps_their_language_on_a_new_browser()
    {
        using (var first = await app.SignedInAsync("staff2@demo.local", culture: "en"))
        {
            Assert.Equal("en", await app.Db.ExecuteScalarAsync<string>("SELECT Culture FROM Users WHERE Email = 'staff2@demo.local'"));
        }

        using var fresh = app.NewBrowser();
        var dashboard = await fresh.FollowAsync(await fresh.LoginAsync("staff2@demo.local", InvestmentCrm.Web.Features.Demo.DemoSeeder.Password));

        Assert.Equal("en", dashboard.DocumentElement.GetAttribute("lang"));
        Assert.StartsWith("Welcome", dashboard.QuerySelector("h1")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_culture_falls_back_to_chinese()
    {
        using var browser = app.NewBrowser();

        var page = await browser.PageAsync("/account/login?culture=xx-YY");

        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
    }
}
