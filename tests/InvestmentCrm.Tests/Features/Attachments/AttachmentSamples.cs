using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Attachments;

/// <summary>Files as they start in real life (their magic numbers), and posting one as the record page's form does.</summary>
public static class AttachmentSamples
{
    public static byte[] Pdf(int size = 1500)
    {
        var bytes = new byte[size];
        "%PDF-1.7\n%合同\n"u8.CopyTo(bytes);
        Random.Shared.NextBytes(bytes.AsSpan(32));
        return bytes;
    }

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    /// <summary>A Windows program: "MZ", then the DOS stub.</summary>
    public static byte[] Exe() => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, .. "This program cannot be run in DOS mode."u8];

    /// <summary>A zip container holding <paramref name="parts"/> (a Word file holds word/document.xml).</summary>
    public static byte[] Zip(params string[] parts)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(part).Open(), Encoding.UTF8);
                writer.Write("<x/>");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Posts <paramref name="content"/> as <paramref name="fileName"/> through the attachment form of <paramref name="page"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(TestBrowser browser, IDocument page, string fileName, byte[]? content)
    {
        var form = page.QuerySelector("form[data-testid=attachment-form]") ?? throw new InvalidOperationException("No attachment form on " + page.Url);
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
        if (content is not null)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            body.Add(part, "file", fileName);
        }

        return await browser.Client.PostAsync(form.GetAttribute("action"), body);
    }

    /// <summary>The app's refusal: to the access-denied page, which answers 403.</summary>
    public static async Task AssertDeniedAsync(TestBrowser browser, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/accessdenied", (response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(response.Headers.Location!.ToString())).StatusCode);
    }
}
