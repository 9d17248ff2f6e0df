using System.Net;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Jobs;
using InvestmentCrm.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Infrastructure.Security;

/// <summary>
/// Every page carries the security headers, and no page holds what its Content-Security-Policy would refuse
/// (inline script, event-handler attributes, style attributes or elements), checked over a crawl of the app as an
/// admin and on the pages anyone can open.
/// </summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.FailingPathApp app) : IClassFixture<SecurityHeadersTests.FailingPathApp>
{
    /// <summary>The app with one path that throws, so the 500 page is the one the exception handler really shows.</summary>
    public sealed class FailingPathApp : AppFactory
    {
        public const string FailingPath = "/test/fails";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, ThrowOnFailingPath>());
        }

        /// <summary>Runs after the app's own pipeline: reached only by a path no page answers.</summary>
        private sealed class ThrowOnFailingPath : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
            {
                next(builder);
                builder.Use((HttpContext context, Func<Task> rest) =>
                    context.Request.Path == FailingPathApp.FailingPath ? throw new InvalidOperationException("a page that fails") : rest());
            };
        }
    }

    /// <summary>An admin reaches every page; the budget covers them with room to grow.</summary>
    private const int PageBudget = 600;

    private static readonly string BasePolicy = string.Join("; ", ContentSecurityPolicy.Base.Select(d => d.Key + " " + d.Value));

    [Fact]
    public async Task Every_response_of_the_crawl_has_the_headers_and_no_page_holds_what_the_policy_refuses()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");

        var crawl = await new SiteCrawler(admin.Client, PageBudget).CrawlAsync("/");

        var problems = crawl.Responses.SelectMany(r => MissingHeaders(r.Url, r.Headers)).ToList();
        foreach (var page in crawl.Responses.Where(r => r.Kind == "html"))
        {
            problems.AddRange(RefusedByPolicy(page.Url, await TestBrowser.ParseAsync(page.Text, new Uri(new Uri("http://localhost/"), page.Url))));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(50)));
        Assert.True(crawl.Responses.Count(r => r.Kind == "html") >= 100, $"only {crawl.Responses.Count} responses crawled");
        Assert.Contains(crawl.Responses, r => r.Kind == "csv");
    }

    [Theory]
    [InlineData("/account/login", HttpStatusCode.OK)]
    [InlineData("/account/accessdenied", HttpStatusCode.Forbidden)]
    [InlineData("/error", HttpStatusCode.NotFound)]
    [InlineData("/", HttpStatusCode.Redirect)]
    [InlineData("/css/site.css", HttpStatusCode.OK)]
    public async Task Pages_anyone_can_open_and_errors_have_the_headers_too(string url, HttpStatusCode status)
    {
        using var anonymous = app.NewBrowser();

        var response = await anonymous.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Empty(MissingHeaders(url, response));
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            Assert.Empty(RefusedByPolicy(url, await TestBrowser.ParseAsync(response)));
        }
    }

    [Theory]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData(FailingPathApp.FailingPath, HttpStatusCode.InternalServerError)]
    public async Task Error_pages_of_a_signed_in_user_have_the_headers_too(string url, HttpStatusCode status)
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var response = await staff.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Empty(MissingHeaders(url, response));
        Assert.Empty(RefusedByPolicy(url, await TestBrowser.ParseAsync(response)));
    }

    [Fact]
    public void The_policy_allows_no_inline_script_or_style_and_no_framing_by_other_sites()
    {
        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
            BasePolicy);
    }

    [Fact]
    public async Task Hsts_and_secure_cookies_come_with_https_and_only_with_it()
    {
        using var https = new TestBrowser(app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://crm.example.test/"), AllowAutoRedirect = false }));
        using var http = new TestBrowser(app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://crm.example.test/"), AllowAutoRedirect = false }));

        var overHttps = await https.GetAsync("/account/login");
        var overHttp = await http.GetAsync("/account/login");

        Assert.Equal("max-age=31536000", Assert.Single(overHttps.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
        Assert.NotEmpty(SetCookies(overHttps));
        Assert.All(SetCookies(overHttps), cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.All(SetCookies(overHttp), cookie => Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase));

        var signedIn = await https.LoginAsync("admin@demo.local", InvestmentCrm.Web.Features.Demo.DemoSeeder.Password);
        var auth = Assert.Single(SetCookies(signedIn), c => c.StartsWith("crm.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_path_configured_with_extra_sources_gets_them_in_its_directive_only()
    {
        const string hash = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";
        using var configured = new AppFactory();
        configured.Settings["Security:Headers:CspPathSources:0:Path"] = "/help";
        configured.Settings["Security:Headers:CspPathSources:0:Directive"] = "img-src";
        configured.Settings["Security:Headers:CspPathSources:0:Sources"] = hash;
        using var admin = await configured.SignedInAsync("admin@demo.local");

        var help = await admin.GetAsync("/help/uscc");
        var users = await admin.GetAsync("/admin/users");

        Assert.Equal(BasePolicy.Replace("img-src 'self' data:", "img-src 'self' data: " + hash, StringComparison.Ordinal), Policy(help));
        Assert.Equal(BasePolicy, Policy(users));
    }

    [Theory]
    [InlineData("Security:Headers:CspPathSources:0:Path", "/admin/jobs", "Security:Headers:CspPathSources:0:Directive", "style-src; script-src *", "is not a fetch directive")]
    [InlineData("Security:Headers:CspPathSources:0:Path", "admin", "Security:Headers:CspPathSources:0:Directive", "style-src", "must start with /")]
    [InlineData("Security:ForwardedHeaders:KnownProxies:0", "proxy.local", "Security:ForwardedHeaders:ForwardLimit", "1", "\"proxy.local\" is not an IP address")]
    [InlineData("Security:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "Security:ForwardedHeaders:ForwardLimit", "1", "is not a network in CIDR form")]
    [InlineData("Security:RateLimits:PasswordPerAccount:PermitLimit", "0", "Security:RateLimits:PasswordPerAccount:WindowSeconds", "300", "PasswordPerAccount needs PermitLimit ≥ 1")]
    public void A_bad_security_setting_stops_the_app_at_start_up_naming_it(string key, string value, string otherKey, string otherValue, string message)
    {
        using var broken = new AppFactory();
        broken.Settings[key] = value;
        broken.Settings[otherKey] = otherValue;
        if (key.StartsWith("Security:Headers:CspPathSources", StringComparison.Ordinal))
        {
            broken.Settings["Security:Headers:CspPathSources:0:Sources"] = "'self'";
        }

        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    private static IEnumerable<string> MissingHeaders(string url, HttpResponseMessage response) =>
        MissingHeaders(url, response.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase));

    private static IEnumerable<string> MissingHeaders(string url, IReadOnlyDictionary<string, string> headers)
    {
        var expected = new Dictionary<string, string>
        {
            ["Content-Security-Policy"] = PolicyOf(url),
            ["X-Content-Type-Options"] = "nosniff",
            ["X-Frame-Options"] = "SAMEORIGIN",
            ["Referrer-Policy"] = "same-origin",
        };
        foreach (var (name, value) in expected)
        {
            var actual = headers.GetValueOrDefault(name);
            if (actual != value)
            {
                yield return $"{url}: {name} is \"{actual}\", expected \"{value}\"";
            }
        }
    }

    /// <summary>The base policy, plus the Hangfire dashboard's one inline style on its own paths.</summary>
    private static string PolicyOf(string url) => IsDashboard(url)
        ? BasePolicy.Replace("style-src 'self'", "style-src 'self' " + JobsDashboard.InlineStyleHash, StringComparison.Ordinal)
        : BasePolicy;

    private static bool IsDashboard(string url) =>
        new PathString(new Uri(new Uri("http://localhost/"), url).AbsolutePath).StartsWithSegments(JobsDashboard.Path);

    /// <summary>The element's own hash as a policy source, e.g. <c>'sha256-…'</c>.</summary>
    private static string HashSource(string text) =>
        "'sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))) + "'";

    private static IEnumerable<string> RefusedByPolicy(string url, IDocument page)
    {
        foreach (var script in page.QuerySelectorAll("script:not([src])").Where(s => s.GetAttribute("type") != "application/json"))
        {
            yield return $"{url}: inline script \"{Shorten(script.TextContent)}\"";
        }

        foreach (var element in page.All)
        {
            foreach (var attribute in element.Attributes.Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name == "style"))
            {
                yield return $"{url}: <{element.LocalName} {attribute.Name}=\"{Shorten(attribute.Value)}\">";
            }

            if (element.LocalName == "style" && !(IsDashboard(url) && HashSource(element.TextContent) == JobsDashboard.InlineStyleHash))
            {
                yield return $"{url}: <style> element";
            }

            if (element.GetAttribute("href") is { } href && href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{url}: javascript: link";
            }
        }
    }

    private static string Policy(HttpResponseMessage response) => string.Join(", ", response.Headers.GetValues("Content-Security-Policy"));

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [];

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
