using System.Net;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Infrastructure.Web;

public sealed class PageRouteTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public void Every_page_link_has_lowercase_literal_segments_and_keeps_route_values_as_given()
    {
        var links = app.Services.GetRequiredService<LinkGenerator>();
        var pages = PageEndpoints().ToList();
        Assert.NotEmpty(pages);
        foreach (var (page, parameters) in pages)
        {
            var lower = links.GetPathByPage(page, values: Values(parameters, "v1"));
            var upper = links.GetPathByPage(page, values: Values(parameters, "V1"));
            Assert.NotNull(lower);
            // With lowercase values the link is what LowercaseUrls made of it before: the whole path in lowercase.
            Assert.Equal(lower.ToLowerInvariant(), lower);
            // An uppercase value (a project code) is not folded: only the literal segments were lowercase.
            Assert.Equal(lower.Replace("v1", "V1", StringComparison.Ordinal), upper);
        }
    }

    [Fact]
    public async Task A_generated_link_to_a_project_with_an_uppercase_code_keeps_its_case_and_opens()
    {
        var links = app.Services.GetRequiredService<LinkGenerator>();
        var path = links.GetPathByPage("/Projects/Details", values: new { code = DemoProjects.FirstCode });
        Assert.Equal("/projects/" + DemoProjects.FirstCode, path);

        using var browser = await app.SignedInAsync("leader@demo.local");
        var response = await browser.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(DemoProjects.FirstCode, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private IEnumerable<(string Page, RoutePatternParameterPart[] Parameters)> PageEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(e => e.Page is not null && e.Endpoint.Metadata.GetMetadata<ISuppressLinkGenerationMetadata>() is not { SuppressLinkGeneration: true })
            .Select(e => (e.Page!.ViewEnginePath, e.Endpoint.RoutePattern.Parameters.ToArray()));

    /// <summary>A value for each parameter: a number where a constraint ({id:long}) asks for one (numbers have no
    /// case to keep), the given text everywhere else.</summary>
    private static RouteValueDictionary Values(RoutePatternParameterPart[] parameters, string text)
    {
        var values = new RouteValueDictionary();
        foreach (var parameter in parameters)
        {
            values[parameter.Name] = parameter.ParameterPolicies.Count > 0 ? "7" : text;
        }

        return values;
    }
}
