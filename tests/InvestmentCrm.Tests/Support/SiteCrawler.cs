using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.WebUtilities;

namespace InvestmentCrm.Tests.Support;

/// <summary>One fetched URL: its status, what kind of content it was and that content as text (PDFs through
/// pdftotext, workbooks as their cell text, everything else as sent), and its response headers (name → values
/// joined by ", ", names in any letter case).</summary>
public sealed record CrawledResponse(string Url, int Status, string Kind, string Text, IReadOnlyDictionary<string, string> Headers);

/// <summary>What a crawl fetched, and whether it stopped at its page budget before running out of links.</summary>
public sealed record CrawlResult(IReadOnlyList<CrawledResponse> Responses, bool BudgetReached);

/// <summary>
/// Visits a site as a signed-in user would, without a list of pages: from a start page it follows, breadth-first,
/// every same-site <c>&lt;a href&gt;</c> (and <c>hx-get</c>) and submits every GET form with its default values
/// and with each other choice of each of its selects, so a page added later is crawled without editing a test.
/// It never posts and never follows sign-out. Each distinct URL is fetched once; at most
/// <paramref name="variantsPerPath"/> query strings of one path and <paramref name="pageBudget"/> URLs in all.
/// </summary>
public sealed class SiteCrawler(HttpClient client, int pageBudget, int variantsPerPath = 12)
{
    /// <summary>Links that end the session or are not pages of the app.</summary>
    private static readonly string[] SkippedPrefixes = ["/account/logout", "/lib/", "/css/", "/js/", "/favicon"];

    /// <summary>
    /// The language switch links every page to itself in the other language: the same projects, so it would only
    /// double the crawl. The parameter is dropped from every URL.
    /// </summary>
    private const string CultureParameter = "culture";

    private static readonly Uri Site = new("http://localhost/");

    private readonly Queue<string> queue = new();
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> variants = new(StringComparer.OrdinalIgnoreCase);

    public async Task<CrawlResult> CrawlAsync(string start)
    {
        Enqueue(start, Site);
        var responses = new List<CrawledResponse>();
        while (queue.Count > 0 && responses.Count < pageBudget)
        {
            responses.Add(await FetchAsync(queue.Dequeue()));
        }

        return new CrawlResult(responses, queue.Count > 0);
    }

    private async Task<CrawledResponse> FetchAsync(string url)
    {
        using var response = await client.GetAsync(url);
        var status = (int)response.StatusCode;
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.MovedPermanently
            && response.Headers.Location is { } location)
        {
            Enqueue(location.OriginalString, new Uri(Site, url));
            return new CrawledResponse(url, status, "redirect", location.OriginalString, headers);
        }

        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        var bytes = await response.Content.ReadAsByteArrayAsync();
        switch (type)
        {
            case "text/html":
                var html = System.Text.Encoding.UTF8.GetString(bytes);
                if (status == 200)
                {
                    await FindLinksAsync(url, html);
                }

                return new CrawledResponse(url, status, "html", html, headers);
            case "application/pdf":
                return new CrawledResponse(url, status, "pdf", await PdfTools.TextAsync(bytes), headers);
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                return new CrawledResponse(url, status, "xlsx", WorkbookText(bytes), headers);
            default:
                var kind = type switch
                {
                    "application/json" or "application/problem+json" => "json",
                    "text/csv" => "csv",
                    _ when type.StartsWith("text/", StringComparison.Ordinal) => "text",
                    _ => "other",
                };
                return new CrawledResponse(url, status, kind, kind == "other" ? "" : System.Text.Encoding.UTF8.GetString(bytes), headers);
        }
    }

    private async Task FindLinksAsync(string url, string html)
    {
        var page = await TestBrowser.ParseAsync(html, new Uri(Site, url));
        var here = new Uri(Site, url);
        foreach (var link in page.QuerySelectorAll("a[href], [hx-get]"))
        {
            Enqueue(link.GetAttribute("href") ?? link.GetAttribute("hx-get")!, here);
        }

        foreach (var form in page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
                     .Where(f => string.Equals(f.GetAttribute("method") ?? "get", "get", StringComparison.OrdinalIgnoreCase)))
        {
            var action = new Uri(here, string.IsNullOrEmpty(form.GetAttribute("action")) ? here.AbsolutePath : form.GetAttribute("action")!);
            foreach (var fields in Submissions(form))
            {
                Enqueue(QueryHelpers.AddQueryString(action.AbsolutePath, fields), here);
            }
        }
    }

    /// <summary>The form as it stands, then once more for each other option of each single-choice select.</summary>
    private static IEnumerable<IEnumerable<KeyValuePair<string, string?>>> Submissions(IHtmlFormElement form)
    {
        var defaults = TestBrowser.FormFields(form).Select(f => new KeyValuePair<string, string?>(f.Key, f.Value)).ToList();
        yield return defaults;
        foreach (var select in form.Elements.OfType<IHtmlSelectElement>().Where(s => !s.IsMultiple && s.Name is { Length: > 0 }))
        {
            foreach (var option in select.Options.Where(o => !o.IsSelected))
            {
                yield return defaults.Where(f => f.Key != select.Name).Append(new(select.Name!, option.Value));
            }
        }
    }

    private void Enqueue(string href, Uri from)
    {
        if (href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(from, href, out var target)
            || target.Scheme != Site.Scheme || target.Host != Site.Host || target.Port != Site.Port
            || SkippedPrefixes.Any(p => target.AbsolutePath.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var query = QueryHelpers.ParseQuery(target.Query)
            .Where(q => !string.Equals(q.Key, CultureParameter, StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        var url = QueryHelpers.AddQueryString(target.AbsolutePath, query);
        if (!seen.Add(url))
        {
            return;
        }

        var count = variants.GetValueOrDefault(target.AbsolutePath);
        if (count >= variantsPerPath)
        {
            return;
        }

        variants[target.AbsolutePath] = count + 1;
        queue.Enqueue(url);
    }

    /// <summary>Every string of a workbook: the shared strings, inline strings and formulas of every sheet.</summary>
    public static string WorkbookText(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var text = new System.Text.StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var stream = entry.Open();
            foreach (var node in XDocument.Load(stream).Descendants().Where(d => !d.HasElements))
            {
                text.AppendLine(node.Value);
            }
        }

        return text.ToString();
    }
}
