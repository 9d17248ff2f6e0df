using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Tests.Support;

/// <summary>An upload page's form posted as a browser posts it: the page's antiforgery token and one file, CSV or XLSX
/// by its name; the answer must be the page (200), which is parsed.</summary>
public static class ImportUploads
{
    public static async Task<IDocument> PostAsync(TestBrowser browser, string page, string fileName, byte[] content)
    {
        var form = await browser.PageAsync(page);
        var token = form.QuerySelector("form[data-testid=import-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(token), "__RequestVerificationToken");
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? ImportTemplate.XlsxContentType : "text/csv");
        body.Add(part, "file", fileName);
        var response = await browser.Client.PostAsync(page, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestBrowser.ParseAsync(response);
    }
}
