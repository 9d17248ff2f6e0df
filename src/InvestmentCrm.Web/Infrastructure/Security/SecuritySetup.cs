using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpsPolicy;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Security;

/// <summary>
/// Transport and browser protections: forwarded headers from configured proxies, HSTS and Secure cookies on HTTPS,
/// the Content-Security-Policy and the other security headers, rate limits.
/// </summary>
public static class SecuritySetup
{
    public static void AddSecurity(IServiceCollection services)
    {
        ValidatedOptions.Add<SecurityHeaderOptions>(services, SecurityHeaderOptions.Section, options => options.Problems());
        ValidatedOptions.Add<ProxyOptions>(services, ProxyOptions.Section, options => options.Problems());
        services.AddSingleton<ContentSecurityPolicy>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((options, proxies) => proxies.Value.ApplyTo(options));
        services.AddOptions<HstsOptions>().Configure<IOptions<SecurityHeaderOptions>>((options, headers) =>
        {
            options.MaxAge = TimeSpan.FromDays(headers.Value.HstsMaxAgeDays);
            options.IncludeSubDomains = headers.Value.HstsIncludeSubDomains;
        });

        // Every cookie (sign-in, antiforgery, language) is Secure when the request came over HTTPS, directly or
        // through a configured proxy; plain-HTTP intranet installs keep working.
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.Secure = CookieSecurePolicy.SameAsRequest;
            options.HttpOnly = HttpOnlyPolicy.None;
            options.MinimumSameSitePolicy = SameSiteMode.Unspecified;
        });
        services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        RateLimits.AddRateLimits(services);
    }

    /// <summary>First in the pipeline: the client address and scheme must be right before anything reads them.</summary>
    public static void UseForwardedHeadersAndCookiePolicy(WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseCookiePolicy();
    }

    public static void UseSecurityHeaders(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeaders>();
    }
}

/// <summary>
/// The security headers of every response, including error pages and files: added when the response starts, so
/// that an error page that clears the response still gets them; a header an endpoint set itself is left alone.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, ContentSecurityPolicy policy)
{
    public Task InvokeAsync(HttpContext context)
    {
        var csp = policy.For(context.Request.Path);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.TryAdd("Content-Security-Policy", csp);
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("X-Frame-Options", "SAMEORIGIN");
            headers.TryAdd("Referrer-Policy", "same-origin");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
