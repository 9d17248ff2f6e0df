using System.Net;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Infrastructure.Web;

/// <summary>Empty form fields bind to "" in non-nullable strings, so no form answers 500 to a user who leaves it blank.</summary>
public sealed class EmptyFormsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Chain_create_with_an_empty_code_shows_required_instead_of_the_error_page()
    {
        using var leader = await app.SignedInAsync("leader@demo.local");

        var response = await leader.PostFormAsync("/chains/create", "form[data-testid=chain-form]", new Dictionary<string, string>
        {
            ["Form.Code"] = "",
            ["Form.Name"] = "新产业链",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains("请填写", page.QuerySelector("[data-valmsg-for='Form.Code']")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Equal("新产业链", (page.QuerySelector("input[name='Form.Name']") as IHtmlInputElement)?.Value);
    }

    /// <summary>Every form that has fields a person types into, on every page without route values plus the edit
    /// pages of demo records, posted with those fields blank. Hidden fields (versions, ids) keep their values, and forms
    /// that are only a button (delete, run now, sign out) are left alone.</summary>
    [Fact]
    public async Task Every_form_posted_with_its_fields_blank_answers_without_a_server_error()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var urls = PagesWithoutRouteValues().Concat(
        [
            "/chains/SEW/edit", "/chains/SEW/nodes/HANG", "/chains/SEW/edges", "/projects/JJ2026-005", "/projects/JJ2026-005/edit",
        ]).Distinct().ToList();
        var posted = new List<string>();
        foreach (var url in urls)
        {
            var response = await admin.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await TestBrowser.ParseAsync(response);
            var forms = page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
                .Where(form => string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase) && !(form.Action ?? "").Contains("logout", StringComparison.OrdinalIgnoreCase))
                .ToList();
            for (var i = 0; i < forms.Count; i++)
            {
                var blanks = Typed(forms[i]).ToDictionary(name => name, _ => "");
                if (blanks.Count == 0)
                {
                    continue;
                }

                forms[i].SetAttribute("data-blank-test", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var answer = await admin.SubmitAsync(page, $"form[data-blank-test='{i}']", blanks);
                posted.Add($"{url} #{i}: {(int)answer.StatusCode}");
                Assert.True((int)answer.StatusCode < 500, $"{url} form #{i} posted blank answered {(int)answer.StatusCode}");
            }
        }

        Assert.True(posted.Exists(line => line.StartsWith("/chains/create ", StringComparison.Ordinal)), string.Join("\n", posted));
        Assert.True(posted.Count >= 10, "too few forms found:\n" + string.Join("\n", posted));
    }

    private IEnumerable<string> PagesWithoutRouteValues() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null && endpoint.RoutePattern.Parameters.Count == 0)
            .Select(endpoint => "/" + endpoint.RoutePattern.RawText?.Trim('/').ToLowerInvariant())
            .Where(url => !url.StartsWith("/account/logout", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("/error", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> Typed(IHtmlFormElement form)
    {
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "text" or "email" or "search" or "number" or "date" or "password" or "tel" or "url":
                    yield return name;
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name }:
                    yield return name;
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name }:
                    yield return name;
                    break;
            }
        }
    }
}
