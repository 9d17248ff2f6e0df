using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Security;

/// <summary>
/// ASP.NET Core rate limiting for what can be reached without signing in and for password attempts. Three limits
/// are chained into the global limiter: anonymous requests per client address, password posts per client address,
/// password posts per account. The limits live in memory, so each web node counts on its own; the lockout that
/// stands behind them (Users.AccessFailedCount) is in the database and shared.
/// </summary>
public sealed class RateLimits : IAsyncDisposable
{
    // The form of a password page is a handful of short fields; a post far larger is refused before it is parsed.
    private static readonly FormOptions PasswordForm = new() { ValueCountLimit = 32, KeyLengthLimit = 256, ValueLengthLimit = 8 * 1024, MultipartBodyLengthLimit = 64 * 1024 };

    private readonly RateLimitOptions limits;
    private readonly PartitionedRateLimiter<HttpContext> anonymousPerClient;
    private readonly PartitionedRateLimiter<HttpContext> passwordPerClient;
    private readonly PartitionedRateLimiter<HttpContext> passwordPerAccount;

    public RateLimits(IOptions<RateLimitOptions> options)
    {
        limits = options.Value;
        anonymousPerClient = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.User.Identity?.IsAuthenticated == true || IsReExecution(context)
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : SlidingWindow(ClientKey(context), limits.AnonymousPerClient));
        passwordPerClient = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            PasswordPost(context) is null
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : SlidingWindow(ClientKey(context), limits.PasswordPerClient));
        passwordPerAccount = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            PasswordPost(context) is { } limit && PasswordAttempts.AccountKey(context, limit) is { } account
                ? SlidingWindow(account, limits.PasswordPerAccount)
                : RateLimitPartition.GetNoLimiter(string.Empty));
        All = PartitionedRateLimiter.CreateChained(anonymousPerClient, passwordPerClient, passwordPerAccount);
    }

    public PartitionedRateLimiter<HttpContext> All { get; }

    public static void AddRateLimits(IServiceCollection services)
    {
        ValidatedOptions.Add<RateLimitOptions>(services, RateLimitOptions.Section, options => options.Problems());
        services.AddSingleton<RateLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RateLimits>((options, rateLimits) =>
        {
            options.GlobalLimiter = rateLimits.All;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) => rejected.HttpContext.RequestServices.GetRequiredService<RateLimits>().RefuseAsync(rejected.HttpContext);
        });
    }

    /// <summary>After authorization, so that "signed in" is known and requests that only get sent to the sign-in page cost nothing here.</summary>
    public static void UseRateLimits(WebApplication app)
    {
        app.Use(ReadPasswordFormAsync);
        app.UseRateLimiter();
    }

    /// <summary>
    /// Retry-After from the limit that is used up. A refused password post is answered by its page: the form again,
    /// with what the user typed and the localized "too many attempts", status 429, and no password checked.
    /// </summary>
    private async ValueTask RefuseAsync(HttpContext context)
    {
        var wait = WaitFor(context);
        context.Response.Headers.RetryAfter = PasswordAttempts.RetryAfterHeader(wait);
        context.RequestServices.GetRequiredService<ILogger<RateLimits>>()
            .LogWarning("Too many requests: {Method} {Path} from {Client} refused for {Seconds:0} s", context.Request.Method, context.Request.Path, ClientKey(context), wait.TotalSeconds);
        if (PasswordPost(context) is not null && context.GetEndpoint()?.RequestDelegate is { } page)
        {
            context.Features.Set(new PasswordAttemptsRefused(wait));
            await page(context);
        }

        // Anything else ends here with an empty 429, which the status-code pages turn into the localized error page.
    }

    /// <summary>How long until the used-up limit has room again: a whole window is always enough.</summary>
    private TimeSpan WaitFor(HttpContext context)
    {
        if (passwordPerAccount.GetStatistics(context) is { CurrentAvailablePermits: 0 })
        {
            return limits.PasswordPerAccount.Window;
        }

        return passwordPerClient.GetStatistics(context) is { CurrentAvailablePermits: 0 }
            ? limits.PasswordPerClient.Window
            : limits.AnonymousPerClient.Window;
    }

    private static async Task ReadPasswordFormAsync(HttpContext context, RequestDelegate next)
    {
        // The per-account limit needs the e-mail of the form before the page runs; the page's model binding reuses it.
        if (PasswordPost(context) is { AccountField: not null } && context.Request.HasFormContentType)
        {
            try
            {
                await context.Request.ReadFormAsync(PasswordForm, context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }

        await next(context);
    }

    private static LimitPasswordAttemptsAttribute? PasswordPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && !IsReExecution(context)
            ? context.GetEndpoint()?.Metadata.GetMetadata<LimitPasswordAttemptsAttribute>()
            : null;

    /// <summary>The error page shown for a request already counted (or refused) is not counted again.</summary>
    private static bool IsReExecution(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerPathFeature>() is not null;

    /// <summary>The client's address (from the proxy's X-Forwarded-For when the proxy is configured); IPv6 by its /64, which one client usually holds whole.</summary>
    public static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    private static RateLimitPartition<string> SlidingWindow(string key, WindowLimit limit) =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            SegmentsPerWindow = Math.Min(limit.WindowSeconds, 6),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    public async ValueTask DisposeAsync()
    {
        await All.DisposeAsync();
        await anonymousPerClient.DisposeAsync();
        await passwordPerClient.DisposeAsync();
        await passwordPerAccount.DisposeAsync();
    }
}
