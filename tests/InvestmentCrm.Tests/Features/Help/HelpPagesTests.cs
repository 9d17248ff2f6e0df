using System.Net;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Features.Help;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Help;

/// <summary>/help and /help/{topic} through HTTP as a signed-in user in both languages, and the help links of the import,
/// enterprise, gap and land pages: each points at the right topic and the topic answers.</summary>
public sealed class HelpPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<TestBrowser> AsAsync(string email, string culture)
    {
        using (app.CreateClient())
        {
            await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        }

        return await app.SignedInAsync(email, culture: culture);
    }

    private static string UrlOf(string topic) => topic == HelpDocs.IndexTopic ? "/help" : "/help/" + topic;

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Every_topic_answers_in_the_readers_language_with_its_tables_and_code(string culture)
    {
        using var staff = await AsAsync("staff1@demo.local", culture);
        foreach (var topic in HelpDocs.AllTopics)
        {
            var page = await staff.PageAsync(UrlOf(topic));

            var article = page.QuerySelector("[data-testid=help-doc]")!;
            Assert.Equal(topic, article.GetAttribute("data-topic"));
            Assert.Equal(culture, article.GetAttribute("lang"));
            var heading = DocFiles.Headings(DocFiles.Parse(culture, topic))[0].Text.Replace("`", "", StringComparison.Ordinal);
            Assert.Equal(heading, article.QuerySelector("h1")!.TextContent.Trim());
            Assert.NotEmpty(article.QuerySelectorAll("table.table tbody tr"));
            Assert.Empty(article.QuerySelectorAll("[style], script"));
            Assert.Equal(HelpDocs.AllTopics.Count(), page.QuerySelectorAll("[data-testid=help-contents] a").Length);
            Assert.Single(page.QuerySelectorAll("[data-testid=help-contents] a.active"));
        }

        var formats = await staff.PageAsync("/help/import-formats");
        Assert.Equal(6, formats.QuerySelectorAll("[data-testid=help-doc] pre code").Length);
        foreach (var anchor in new[] { "chain", "enterprises", "projects", "land", "funds", "gap-result" })
        {
            Assert.NotNull(formats.GetElementById(anchor));
        }
    }

    [Fact]
    public async Task Links_between_topics_stay_in_the_help()
    {
        using var staff = await AsAsync("staff2@demo.local", "en");
        var index = await staff.PageAsync("/help");
        var links = index.QuerySelectorAll("[data-testid=help-doc] a").Select(a => a.GetAttribute("href")!).ToList();

        Assert.Contains("/help/uscc", links);
        Assert.Contains("/help?culture=zh-CN", links);
        foreach (var link in links)
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(link)).StatusCode);
        }
    }

    [Fact]
    public async Task An_unknown_topic_is_not_found_and_the_help_needs_a_signed_in_user()
    {
        using var staff = await AsAsync("staff1@demo.local", "zh-CN");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/help/design")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/help/..%2F..%2FREADME")).StatusCode);

        using var anonymous = app.NewBrowser();
        var response = await anonymous.GetAsync("/help/uscc");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string, string> ImportPages => new()
    {
        { "/chains/import", "chain" },
        { "/enterprises/import", "enterprises" },
        { "/projects/import", "projects" },
        { "/land/import", "land" },
    };

    [Theory]
    [MemberData(nameof(ImportPages))]
    public async Task Each_import_page_links_to_its_format_and_the_link_answers(string page, string anchor)
    {
        foreach (var culture in DocFiles.Cultures)
        {
            using var leader = await AsAsync("leader@demo.local", culture);
            var link = (await leader.PageAsync(page)).QuerySelector("#fileHelp a[data-testid=format-help]")!;

            Assert.Equal("/help/import-formats#" + anchor, link.GetAttribute("href"));
            var help = await leader.PageAsync("/help/import-formats");
            Assert.Equal("H2", help.GetElementById(anchor)?.TagName);
            Assert.DoesNotContain(culture == "en" ? "design document" : "设计文档", (await leader.PageAsync(page)).Body!.TextContent, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string, string> ModelLinks => new()
    {
        { "/enterprises/create", "uscc-help", "/help/uscc" },
        { "/gaps", "gap-model-help", "/help/gap-model" },
        { "/chains/SEW/gaps", "gap-model-help", "/help/gap-model" },
        { "/chains/SEW/gaps/HANG", "gap-model-help", "/help/gap-model" },
        { "/land", "land-model-help", "/help/land-model" },
        { "/land/parks", "land-model-help", "/help/land-model" },
    };

    [Theory]
    [MemberData(nameof(ModelLinks))]
    public async Task Form_gap_and_land_pages_link_to_how_they_are_computed(string page, string testId, string help)
    {
        using var staff = await AsAsync("staff1@demo.local", "zh-CN");
        var link = (await staff.PageAsync(page)).QuerySelector($"a[data-testid={testId}]")!;

        Assert.Equal(help, link.GetAttribute("href"));
        Assert.False(string.IsNullOrWhiteSpace(link.TextContent));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(help)).StatusCode);
    }

    [Fact]
    public async Task The_user_menu_links_to_the_help()
    {
        using var staff = await AsAsync("staff1@demo.local", "en");
        IElement link = (await staff.PageAsync("/")).QuerySelector("a[data-testid=help-menu]")!;

        Assert.Equal("/help", link.GetAttribute("href"));
        Assert.Equal("Help", link.TextContent.Trim());
    }
}
