using InvestmentCrm.Tests.Features.Projects;
using InvestmentCrm.Tests.Infrastructure.Security;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Projects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvestmentCrm.Tests.Features.Search;

/// <summary>In the system Chromium, under the app's Content-Security-Policy: "/" focuses the top bar's search box
/// (not while typing elsewhere), hits appear as the reader types, and the notifications menu opens with its items
/// and clears the count. Any CSP violation or script error fails the test.</summary>
public sealed class SearchAndNotificationBrowserTests(ProjectBrowserFixture fixture) : IClassFixture<ProjectBrowserFixture>
{
    [Fact]
    public async Task Slash_focuses_the_box_and_hits_appear_as_the_reader_types()
    {
        var page = await fixture.SignedInAsync("staff1@demo.local");
        var violations = await ContentSecurityPolicyBrowserTests.WatchViolationsAsync(page);
        await page.GotoAsync("/projects");

        await page.FocusAsync("#q"); // the list's own filter: "/" is typed there, not taken away
        await page.Keyboard.PressAsync("/");
        Assert.Equal("q", await page.EvaluateAsync<string>("document.activeElement.id"));
        Assert.Equal("/", await page.InputValueAsync("#q"));

        await page.Locator("main").ClickAsync(new LocatorClickOptions { Position = new Position { X = 1, Y = 1 } });
        await page.Keyboard.PressAsync("/");
        Assert.Equal("top-search-q", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("衣拿");

        var hit = page.Locator("#top-search-results.show [data-kind=projects] [data-testid=search-hit]").First;
        await hit.WaitForAsync();
        Assert.StartsWith("JJ2026-001", (await hit.TextContentAsync())!.Trim(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#top-search-results [data-kind=enterprises] [data-testid=search-hit]").CountAsync() >= 1);
        await BrowserFixture.ScreenshotAsync(page, "search-as-you-type");

        await page.Keyboard.PressAsync("Escape");
        await page.Locator("#top-search-results.show").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        Assert.Equal("衣拿", await page.InputValueAsync("#top-search-q")); // closing the list keeps the text
        var results = page.WaitForURLAsync(url => url.Contains("/search?q=", StringComparison.Ordinal)); // waiting before the key
        await page.Keyboard.PressAsync("Enter"); // the plain form: the full results page
        await results;
        await page.Locator("main [data-testid=search-group][data-kind=projects]").WaitForAsync();
        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task The_notifications_menu_opens_with_its_items_and_clears_the_count()
    {
        var page = await fixture.SignedInAsync("staff1@demo.local");
        var violations = await ContentSecurityPolicyBrowserTests.WatchViolationsAsync(page);
        await page.ClickAsync("[data-testid=notifications-button]"); // read what the demo brought
        await page.Locator("[data-testid=notifications-menu].show [data-testid=notification]").First.WaitForAsync();
        await CommentAsync("JJ2026-003", "请周五前报送项目用地需求");

        await page.GotoAsync("/projects/mine");
        Assert.Equal("1", (await page.TextContentAsync("[data-testid=notifications-count]"))!.Trim());
        await page.ClickAsync("[data-testid=notifications-button]");

        var comment = page.Locator("[data-testid=notifications-menu].show [data-testid=notification][data-kind=comment][data-unread=true]");
        await comment.WaitForAsync();
        Assert.Contains("请周五前报送项目用地需求", await comment.TextContentAsync(), StringComparison.Ordinal);
        await page.Locator("[data-testid=notifications-count]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        await BrowserFixture.ScreenshotAsync(page, "notifications-menu");
        var opened = page.WaitForURLAsync(url => url.EndsWith("/projects/JJ2026-003", StringComparison.Ordinal));
        await comment.ClickAsync();
        await opened;
        Assert.True(await page.Locator("[data-testid=notifications-count]").IsHiddenAsync());
        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join("\n", violations));
    }

    private async Task CommentAsync(string code, string body)
    {
        fixture.App.Clock.Advance(TimeSpan.FromMinutes(1));
        using var scope = fixture.App.Services.CreateScope();
        var project = await fixture.App.ScalarAsync<long>("SELECT Id FROM Projects WHERE Code = @Code", new { Code = code });
        var leader = await fixture.App.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'leader@demo.local'");
        Assert.True((await scope.ServiceProvider.GetRequiredService<ProjectFollowUps>().AddCommentAsync(project, body, leader)).Succeeded);
    }
}
