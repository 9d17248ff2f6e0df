using System.Text;
using InvestmentCrm.Tests.Support;
using Microsoft.Playwright;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>What only a browser shows on the enterprise pages: the upload through XMLHttpRequest with its progress,
/// the contact rows added by script, and the chain-node filter.</summary>
public sealed class EnterpriseBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Uploading_a_file_shows_progress_and_then_the_result_without_leaving_the_page()
    {
        var page = await browser.NewPageAsync(signInAs: "leader@demo.local");
        await page.GotoAsync("/enterprises/import");
        var rows = Enumerable.Range(7001, 300).Select(n => (IReadOnlyDictionary<string, string>)EnterpriseSamples.Row(n)).ToArray();
        await page.SetInputFilesAsync("input[type=file]", new FilePayload
        {
            Name = "企业名录.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(EnterpriseSamples.Csv(rows)),
        });
        // A marker on the window survives document.write but not a navigation: the script did the upload.
        await page.EvaluateAsync("window.__stayed = true");

        await page.ClickAsync("form[data-testid=import-form] button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=summary]");

        Assert.Equal("300", await page.GetAttributeAsync("[data-testid=summary]", "data-created"));
        Assert.True(await page.EvaluateAsync<bool>("window.__stayed === true"));
        Assert.Contains("企业名录.csv", await page.InnerTextAsync("[data-testid=summary]"));
        await BrowserFixture.ScreenshotAsync(page, "enterprise-import-done");
    }

    [Fact]
    public async Task Add_contact_adds_a_numbered_row_and_the_node_filter_narrows_the_choices()
    {
        var page = await browser.NewPageAsync(signInAs: "staff1@demo.local");
        await page.GotoAsync("/enterprises/create");

        await page.ClickAsync("[data-add-contact]");
        await page.Keyboard.TypeAsync("吴敏");
        await BrowserFixture.ScreenshotAsync(page, "enterprise-form");
        await page.FillAsync("[data-node-filter]", "HANG");

        Assert.Equal(2, await page.Locator("[data-contact-row]").CountAsync());
        Assert.Equal("吴敏", await page.InputValueAsync("input[name='Form.Contacts[1].Name']"));
        var visible = await page.Locator("[data-node-choice]:visible input").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.node)");
        Assert.Equal(["SEW:HANG"], visible);

        await page.CheckAsync("input[data-node='SEW:HANG']");
        await page.FillAsync("input[name='Form.Name']", "台州浏览器测试有限公司");
        await page.FillAsync("input[name='Form.Uscc']", UsccTestHelper.Make(7500));
        await page.ClickAsync("form[data-testid=enterprise-form] button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=nodes]");

        Assert.Equal("吴敏", (await page.InnerTextAsync("[data-testid=contacts] strong")).Trim());
        Assert.Contains("智能吊挂系统", await page.InnerTextAsync("[data-testid=nodes]"));
        await BrowserFixture.ScreenshotAsync(page, "enterprise-detail");
        await page.GotoAsync("/enterprises");
        await BrowserFixture.ScreenshotAsync(page, "enterprise-list");
    }
}
