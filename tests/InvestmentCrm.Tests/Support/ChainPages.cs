using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Features.Chains;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Support;

/// <summary>Chain-page helpers: the importer of the app under test, and file uploads (which <see cref="TestBrowser"/> does not post).</summary>
public static class ChainPages
{
    public static async Task<T> WithImporterAsync<T>(this AppFactory app, Func<ChainMapImporter, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<ChainMapImporter>());
    }

    public static Task<StoredChain?> LoadChainAsync(this AppFactory app, string code) =>
        app.WithImporterAsync(importer => importer.LoadAsync(code));

    public static Task<ChainSaveResult> SaveChainAsync(this AppFactory app, ChainMap map) =>
        app.WithImporterAsync(importer => importer.SaveAsync(new ChainSaveRequest(map)));

    /// <summary>GETs /chains/import and posts <paramref name="content"/> as the chosen file, with the page's antiforgery token.</summary>
    public static async Task<IDocument> UploadAsync(this TestBrowser browser, string fileName, string content, string url = "/chains/import")
    {
        var page = await browser.PageAsync(url);
        var token = page.QuerySelector("form[data-testid=import-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", fileName);
        var response = await browser.Client.PostAsync(new Uri(page.Url).PathAndQuery, form);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await TestBrowser.ParseAsync(response);
    }
}

public static class UriExtensions
{
    /// <summary>The path and query of a Location header, absolute or relative.</summary>
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
