using System.Net;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Infrastructure.Web;

/// <summary>Pages that read well: one flash message, the right menu item lit, "—" for a missing value, Chinese
/// punctuated in full width, an icon. Checked over a crawl where a rule holds for every page.</summary>
public sealed class PagesReadTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Enough for every kind of page an admin reaches (lists, details, gap and land pages, admin).</summary>
    private const int PageBudget = 400;

    [Fact]
    public async Task A_flash_message_is_shown_once_after_a_snapshot_a_report_request_and_saved_settings()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");

        var snapshot = await admin.FollowAsync(await admin.PostFormAsync("/chains/SEW/gaps", "[data-testid=snapshot-form]", new Dictionary<string, string>()));
        Assert.Single(Flashes(snapshot));
        Assert.Contains("已记录快照", Flashes(snapshot)[0], StringComparison.Ordinal);
        var since = snapshot.QuerySelector("[data-testid=since]")!.TextContent;
        Assert.Contains("系统管理员", since, StringComparison.Ordinal); // who took it, by name
        Assert.DoesNotContain("@", since, StringComparison.Ordinal);

        var report = await admin.FollowAsync(await admin.PostFormAsync("/chains/SEW/gaps", "[data-testid=chain-gap-form]", new Dictionary<string, string>()));
        Assert.Single(Flashes(report));

        var settings = await admin.FollowAsync(await admin.PostFormAsync("/admin/gaps", "[data-testid=settings-form]", new Dictionary<string, string>()));
        Assert.Single(Flashes(settings));
    }

    [Theory]
    [InlineData("/chains/SEW/gaps", "补链分析")]
    [InlineData("/chains/SEW/gaps/HANG", "补链分析")]
    [InlineData("/gaps", "补链分析")]
    [InlineData("/chains/SEW", "产业链")]
    [InlineData("/chains/SEW/nodes/HANG", "产业链")]
    [InlineData("/admin/audit", "系统管理")]
    [InlineData("/", "首页")]
    public async Task The_menu_lights_the_area_a_page_belongs_to(string url, string area)
    {
        using var admin = await app.SignedInAsync("admin@demo.local");

        var page = await admin.PageAsync(url);

        Assert.Equal([area], page.QuerySelectorAll("#mainNav .nav-link.active").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task The_site_has_an_icon_and_every_page_links_it()
    {
        using var anonymous = app.NewBrowser();

        var ico = await anonymous.GetAsync("/favicon.ico");
        var svg = await anonymous.GetAsync("/favicon.svg");
        var login = await anonymous.PageAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        var bytes = await ico.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]); // an ICO header
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["/favicon.svg", "/favicon.ico"], login.QuerySelectorAll("link[rel=icon]").Select(l => l.GetAttribute("href")!));
    }

    [Fact]
    public async Task On_every_page_an_empty_field_shows_a_dash_chinese_is_punctuated_in_full_width_and_one_menu_item_is_lit()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");

        var crawl = await new SiteCrawler(admin.Client, PageBudget).CrawlAsync("/");

        var problems = new List<string>();
        var pages = crawl.Responses.Where(r => r.Kind == "html" && r.Status == 200).ToList();
        foreach (var response in pages)
        {
            var page = await TestBrowser.ParseAsync(response.Text, new Uri(new Uri("http://localhost/"), response.Url));
            if (page.QuerySelector("main#main") is null)
            {
                continue; // not the app's own page: the jobs dashboard (Hangfire's pages, its own words)
            }

            problems.AddRange(page.QuerySelectorAll("dd").Where(dd => dd.TextContent.Trim().Length == 0)
                .Select(dd => $"{response.Url}: empty value of '{dd.PreviousElementSibling?.TextContent.Trim()}'"));
            problems.AddRange(ChinesePunctuation.Problems(VisibleText(page.Body!)).Select(p => $"{response.Url}: …{p}…"));
            if (page.QuerySelectorAll("#mainNav .nav-link.active").Length > 1)
            {
                problems.Add($"{response.Url}: more than one menu item lit");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(60)));
        Assert.True(pages.Count >= 100, $"only {pages.Count} pages crawled");
        Assert.Contains(pages, p => p.Url.StartsWith("/projects/JJ2026-005", StringComparison.Ordinal)); // not signed: empty fields
    }

    private static List<string> Flashes(IDocument page) =>
        [.. page.QuerySelectorAll(".alert-success").Select(a => a.TextContent.Trim())];

    /// <summary>The page's text as a reader sees it: inline elements run on ("<a>链</a>: …" reads "链: …"), other
    /// elements start a new line; scripts, code and what a user types are left out.</summary>
    private static string VisibleText(IElement root)
    {
        var text = new System.Text.StringBuilder();
        Append(root, text);
        return text.ToString();
    }

    private static void Append(IElement element, System.Text.StringBuilder text)
    {
        foreach (var node in element.ChildNodes)
        {
            if (node is IText t)
            {
                text.Append(t.Data.Replace('\n', ' '));
            }
            else if (node is IElement child && child.LocalName is not ("script" or "style" or "code" or "pre" or "textarea" or "template" or "svg"))
            {
                var inline = child.LocalName is "a" or "span" or "strong" or "em" or "small" or "b" or "i" or "abbr" or "label";
                if (!inline)
                {
                    text.Append('\n');
                }

                Append(child, text);
                if (!inline)
                {
                    text.Append('\n');
                }
            }
        }
    }
}
