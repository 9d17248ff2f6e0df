using InvestmentCrm.Web.Domain;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>The <c>App</c> section of configuration.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>Where users are, for showing times; stored times are UTC.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Absolute address of the app, for links in e-mails and PDFs. When not set, the address the app listens
    /// on (<see cref="BaseUrlFromListenAddresses"/>); set it when users reach the app under another name (a proxy).</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>True when <see cref="BaseUrl"/> was not configured and was taken from the listen addresses.</summary>
    public bool BaseUrlGuessed { get; private set; }

    /// <summary>Today where the users are (a Shanghai morning is still yesterday in UTC).</summary>
    public DateOnly Today(TimeProvider clock) => LocalTime.Today(clock, FindTimeZone());

    /// <summary>
    /// Fills an unset <see cref="BaseUrl"/> from the addresses the app is started with — Kestrel endpoints, then
    /// <c>urls</c> (<c>--urls</c>, <c>URLS</c>, <c>ASPNETCORE_URLS</c>; run.sh passes <c>URLS</c>), an https one
    /// first — else Kestrel's default. A wildcard host (<c>0.0.0.0</c>, <c>*</c>, <c>+</c>, <c>[::]</c>) becomes this
    /// machine's name. Links in digests once pointed to localhost:5000 whatever the app listened on.
    /// </summary>
    public sealed class BaseUrlFromListenAddresses(IConfiguration configuration) : IPostConfigureOptions<AppOptions>
    {
        public void PostConfigure(string? name, AppOptions options)
        {
            if (!string.IsNullOrWhiteSpace(options.BaseUrl))
            {
                return;
            }

            var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]);
            var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var candidates = endpoints.Concat(urls).OfType<string>().Where(u => u.Length > 0).ToList();
            var chosen = candidates.FirstOrDefault(u => u.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
                ?? candidates.FirstOrDefault()
                ?? "http://localhost:5000";
            options.BaseUrl = WithReachableHost(chosen).TrimEnd('/');
            options.BaseUrlGuessed = true;
        }

        private static string WithReachableHost(string url)
        {
            var wildcard = System.Text.RegularExpressions.Regex.Match(url, @"^(?<scheme>[a-zA-Z]+://)(?<host>\*|\+|0\.0\.0\.0|\[::\])(?<rest>(:\d+)?(/.*)?)$");
            return wildcard.Success
                ? wildcard.Groups["scheme"].Value + Environment.MachineName.ToLowerInvariant() + wildcard.Groups["rest"].Value
                : url;
        }
    }

    public TimeZoneInfo FindTimeZone() => LocalTime.FindZone(TimeZone);

    /// <summary>What is wrong with these settings, each a sentence naming the setting; none when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        // An unknown zone would otherwise fall back to UTC+8 silently (LocalTime.FindZone).
        if (!LocalTime.IsKnown(TimeZone))
        {
            yield return $"{Section}:TimeZone \"{TimeZone}\" is not a time zone of this system (an IANA id such as Asia/Shanghai).";
        }

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            yield return $"{Section}:BaseUrl \"{BaseUrl}\" is not an absolute http or https address such as https://crm.example.gov.cn/.";
        }
    }
}
