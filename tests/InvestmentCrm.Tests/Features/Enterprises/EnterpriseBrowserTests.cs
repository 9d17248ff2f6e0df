using System.Text;
using InvestmentCrm.Tests.Support;
using Microsoft.Playwright;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>What only a browser shows on the enterprise pages: the upload through XMLHttpRequest with its progress,
/// the contact rows added by script, and the search-as-you-type pickers.</summary>
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
    public async Task Add_contact_adds_a_numbered_row_and_the_node_picker_finds_a_node_by_its_chinese_name_and_the_keyboard_picks_it()
    {
        var page = await browser.NewPageAsync(signInAs: "staff1@demo.local");
        await page.SetViewportSizeAsync(375, 800); // phone width
        await page.GotoAsync("/enterprises/create");

        await page.ClickAsync("[data-add-contact]");
        await page.Keyboard.TypeAsync("吴敏");
        await page.FocusAsync("input[name='Form.AddNodes']");
        await page.Keyboard.TypeAsync("吊挂");
        await page.Locator("[data-testid=node-choices] [role=option][data-value='SEW:HANG']").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "enterprise-form-node-picker");
        Assert.Equal("true", await page.GetAttributeAsync("input[name='Form.AddNodes']", "aria-expanded"));
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal(2, await page.Locator("[data-contact-row]").CountAsync());
        Assert.Equal("吴敏", await page.InputValueAsync("input[name='Form.Contacts[1].Name']"));
        Assert.True(await page.IsCheckedAsync("input[name='Form.NodeIds'][data-node='SEW:HANG']"));
        Assert.Equal("", await page.InputValueAsync("input[name='Form.AddNodes']"));

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

    [Fact]
    public async Task The_project_form_picks_an_enterprise_typed_in_chinese_with_the_keyboard_in_english_too_and_saves()
    {
        var page = await browser.NewPageAsync(signInAs: "staff2@demo.local");
        await page.GotoAsync("/projects/create");
        await page.FillAsync("#Form_Title", "衣拿吊挂三期");
        await page.FocusAsync("#Form_Enterprise");
        await page.Keyboard.TypeAsync("衣拿");
        var option = page.Locator("[role=option][data-value='91330110MA25215KAT']");
        await option.WaitForAsync();
        // Move down to it and back up if it is not first, as a keyboard user would.
        var index = await page.Locator("#Form_Enterprise + [role=listbox] [role=option]").EvaluateAllAsync<int>(
            "els => els.findIndex(e => e.dataset.value === '91330110MA25215KAT')");
        for (var i = 0; i < index; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.Equal("true", await option.GetAttributeAsync("aria-selected"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("浙江衣拿智能科技有限公司", await page.InputValueAsync("#Form_Enterprise"));
        Assert.Equal("91330110MA25215KAT", await page.InputValueAsync("input[type=hidden][name='Form.Enterprise']"));

        await page.ClickAsync("form[data-testid=project-form] button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=stage]");
        Assert.Contains("浙江衣拿智能科技有限公司", await page.InnerTextAsync("main"));

        // The same picker in English: the help and the "no matches" answer follow the reader's language.
        await page.GotoAsync("/?culture=en");
        await page.GotoAsync("/projects/create");
        await page.FocusAsync("#Form_Enterprise");
        await page.Keyboard.TypeAsync("不存在的企业名称");
        // Typing sends a query per keystroke: the answer to a shorter prefix ("Show more") may show first, so wait for
        // the answer to the whole text (Playwright's default timeout is the deadline).
        var message = page.Locator("#Form_Enterprise + [role=listbox] .picker-message");
        await page.WaitForFunctionAsync(
            "() => document.querySelector('#Form_Enterprise + [role=listbox] .picker-message')?.textContent.trim() === 'No matches'");
        Assert.Equal("No matches", (await message.InnerTextAsync()).Trim());
    }
}
