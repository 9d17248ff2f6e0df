using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace InvestmentCrm.Tests.Support;

/// <summary>
/// Drives the app like a browser: GET a page, fill its form (hidden fields and the antiforgery token included),
/// post it, follow the redirect, read the HTML with AngleSharp.
/// </summary>
public sealed class TestBrowser(HttpClient client) : IDisposable
{
    private static readonly IBrowsingContext Parser = BrowsingContext.New(Configuration.Default);

    public HttpClient Client => client;

    public async Task<HttpResponseMessage> GetAsync(string url) => await client.GetAsync(url);

    /// <summary>GETs a page that must answer 200 and parses it.</summary>
    public async Task<IDocument> PageAsync(string url)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await ParseAsync(await response.Content.ReadAsStringAsync(), response.RequestMessage?.RequestUri ?? new Uri("http://localhost/"));

    public static async Task<IDocument> ParseAsync(string html, Uri address) =>
        await Parser.OpenAsync(request => request.Content(html).Address(address.ToString()));

    /// <summary>Posts the form matched by <paramref name="formSelector"/> with its current values overridden by <paramref name="values"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IDocument page, string formSelector, IReadOnlyDictionary<string, string> values, string? submitName = null)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}");
        var fields = FormFields(form);
        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        var action = form.GetAttribute("action");
        var url = string.IsNullOrEmpty(action) ? new Uri(page.Url).PathAndQuery : action;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>What a browser sends for the form as it stands, without clicking a named button.</summary>
    public static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is not ("submit" or "button" or "file" or "image" or "reset"):
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name, IsMultiple: true } select:
                    // Like a browser: each chosen option, and nothing at all when none is chosen.
                    fields.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.Add(new(name, select.Value ?? string.Empty));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }

        return fields;
    }

    /// <summary>GETs the page, submits its form and returns the response (not followed).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, string formSelector, IReadOnlyDictionary<string, string> values) =>
        await SubmitAsync(await PageAsync(url), formSelector, values);

    public async Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        await PostFormAsync("/account/login", "form", new Dictionary<string, string> { ["Form.Email"] = email, ["Form.Password"] = password });

    /// <summary>Follows a redirect and parses where it lands.</summary>
    public async Task<IDocument> FollowAsync(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
        {
            throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await PageAsync(response.Headers.Location!.ToString());
    }

    public void Dispose() => client.Dispose();
}
