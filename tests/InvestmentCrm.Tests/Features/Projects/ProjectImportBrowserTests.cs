using System.Text;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Projects;
using Microsoft.Playwright;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>What only a browser shows on the project upload page: the upload through XMLHttpRequest with its
/// progress, then the result in place of the form page.</summary>
public sealed class ProjectImportBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Uploading_a_projects_file_shows_progress_and_then_the_summary_without_leaving_the_page()
    {
        var page = await browser.NewPageAsync(signInAs: "leader@demo.local");
        await page.GotoAsync("/projects");
        Assert.Equal(1, await page.Locator("a[href='/projects/import']").CountAsync());
        await page.GotoAsync("/projects/import");
        var rows = Enumerable.Range(1, 60).Select(n =>
            $"UP-{n:000},浏览器导入项目{n},91330110MA25215KAT,contacted,staff1@demo.local,{100 + n},,,,expo,SEW:HANG,,,");
        await page.SetInputFilesAsync("input[type=file]", new FilePayload
        {
            Name = "招商项目.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(string.Join("\n", [string.Join(",", ProjectImport.Header), .. rows]) + "\n"),
        });
        // A marker on the window survives document.write but not a navigation: the script did the upload.
        await page.EvaluateAsync("window.__stayed = true");

        await page.ClickAsync("form[data-testid=import-form] button[type=submit]");
        // Generous: a loaded CI machine writes 60 projects slowly.
        await page.WaitForSelectorAsync("[data-testid=summary]", new PageWaitForSelectorOptions { Timeout = 120_000 });

        Assert.Equal("60", await page.GetAttributeAsync("[data-testid=summary]", "data-created"));
        Assert.True(await page.EvaluateAsync<bool>("window.__stayed === true"));
        Assert.Contains("招商项目.csv", await page.InnerTextAsync("[data-testid=summary]"));
        Assert.Equal(60L, await browser.App.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Projects WHERE Code LIKE 'UP-%'"));
        await BrowserFixture.ScreenshotAsync(page, "project-import-done");
    }
}
