using System.Net;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Infrastructure.Security;

/// <summary>
/// Behind a TLS-terminating reverse proxy: the app on a real Kestrel port, the test playing the proxy (it connects
/// from 127.0.0.1 and adds X-Forwarded-For / X-Forwarded-Proto). Only a configured proxy is believed.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task Behind_a_configured_proxy_https_and_the_client_address_come_from_its_headers()
    {
        using var app = KestrelApp(knownProxy: "127.0.0.1");
        using var proxy = NewProxyClient(app);

        var page = await SendAsync(proxy, HttpMethod.Get, "/account/login", client: "203.0.113.7");

        Assert.Equal("max-age=31536000", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));
        Assert.All(page.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        // Two password attempts per client: the third from 203.0.113.7 is refused, 203.0.113.8 is another client.
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(proxy, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(proxy, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(proxy, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(proxy, "203.0.113.8")).StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_configured_proxy_are_ignored()
    {
        using var app = KestrelApp(knownProxy: "10.20.30.40");
        using var proxy = NewProxyClient(app);

        var page = await SendAsync(proxy, HttpMethod.Get, "/account/login", client: "203.0.113.7");

        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.All(page.Headers.GetValues("Set-Cookie"), cookie => Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        // Every attempt counts against 127.0.0.1, whatever X-Forwarded-For claims.
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(proxy, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(proxy, "203.0.113.8")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(proxy, "203.0.113.9")).StatusCode);
    }

    private static AppFactory KestrelApp(string knownProxy)
    {
        var app = new AppFactory();
        app.Settings["Security:ForwardedHeaders:KnownProxies:0"] = knownProxy;
        app.Settings["Security:RateLimits:PasswordPerClient:PermitLimit"] = "2";
        app.Settings["Security:RateLimits:PasswordPerClient:WindowSeconds"] = "3600";
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    private static HttpClient NewProxyClient(AppFactory app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.ClientOptions.BaseAddress };

    /// <summary>A wrong password posted through the "proxy" for <paramref name="client"/>, with the form's token and cookie.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient proxy, string client)
    {
        var form = await SendAsync(proxy, HttpMethod.Get, "/account/login", client);
        return await SendAsync(proxy, HttpMethod.Post, "/account/login", client, RawForms.CookiesOf(form), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Email"] = "staff1@demo.local", ["Form.Password"] = "Wrong1234", ["__RequestVerificationToken"] = RawForms.Token(await form.Content.ReadAsStringAsync()),
        }));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient proxy, HttpMethod method, string path, string client, string? cookies = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        // HSTS is never sent for localhost, so the proxy passes on the public host name, as nginx does.
        request.Headers.Host = "crm.example.test";
        request.Headers.Add("X-Forwarded-For", client);
        request.Headers.Add("X-Forwarded-Proto", "https");
        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        return await proxy.SendAsync(request);
    }
}
