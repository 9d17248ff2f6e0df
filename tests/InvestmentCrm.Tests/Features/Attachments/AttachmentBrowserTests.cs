using InvestmentCrm.Tests.Support;
using Microsoft.Playwright;

namespace InvestmentCrm.Tests.Features.Attachments;

/// <summary>What only a browser shows, on a phone-sized screen (390 px): an attachment going up with its progress and
/// listed in place, and the list's ticks ("select all", then two rows) reassigned through the confirmation.</summary>
public sealed class AttachmentBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task On_a_phone_an_attachment_uploads_with_progress_and_ticked_projects_are_reassigned()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        await browser.SignInAsync(page, "admin@demo.local");

        await page.GotoAsync("/projects");
        var codes = await page.Locator("tr[data-project]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.project)");
        Assert.True(codes.Length >= 3, "the demo data has projects");
        await page.GotoAsync("/projects/" + codes[0]);
        // Counts the bytes the upload reports as sent; the window (and this count) survives the script's document.write.
        await page.EvaluateAsync("""
            (() => { const send = XMLHttpRequest.prototype.send;
                     XMLHttpRequest.prototype.send = function (body) {
                       this.upload.addEventListener('progress', e => { window.__sent = e.loaded; window.__total = e.total; });
                       return send.call(this, body); }; })()
            """);
        var pdf = AttachmentSamples.Pdf(400_000);
        await page.SetInputFilesAsync("#attachment-file", new FilePayload { Name = "现场考察照片说明.pdf", MimeType = "application/pdf", Buffer = pdf });

        await page.ClickAsync("form[data-testid=attachment-form] button[type=submit]");
        await page.WaitForSelectorAsync("[data-attachment] >> text=现场考察照片说明.pdf");

        Assert.True(await page.EvaluateAsync<bool>("window.__sent > 0 && window.__sent === window.__total"));
        Assert.Equal("391 KB", await page.InnerTextAsync("[data-attachment] [data-testid=size]"));
        await BrowserFixture.ScreenshotAsync(page, "attachment-uploaded-390");

        await page.GotoAsync("/projects");
        await page.CheckAsync("[data-testid=select-all]");
        Assert.Equal(codes.Length, await page.Locator("input[name=code][form=bulk]:checked").CountAsync());
        await page.UncheckAsync("[data-testid=select-all]");
        await page.CheckAsync($"input[name=code][value='{codes[1]}']");
        await page.CheckAsync($"input[name=code][value='{codes[2]}']");
        var to = await page.Locator("[data-testid=bulk-to] option").Nth(1).GetAttributeAsync("value");
        await page.SelectOptionAsync("[data-testid=bulk-to]", to!);
        await page.ClickAsync("[data-testid=bulk-reassign]");
        await page.WaitForSelectorAsync("form[data-testid=confirm-form]");
        Assert.Equal(2, await page.Locator("[data-testid=selected] tr[data-project]").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "bulk-reassign-confirm-390");
        await page.ClickAsync("form[data-testid=confirm-form] button[type=submit]");
        await page.WaitForSelectorAsync(".alert-success");

        foreach (var code in codes[1..3])
        {
            Assert.Equal(long.Parse(to!), await browser.App.Db.ExecuteScalarAsync<long>("SELECT OwnerUserId FROM Projects WHERE Code = @code", new { code }));
        }

        await context.CloseAsync();
    }
}
