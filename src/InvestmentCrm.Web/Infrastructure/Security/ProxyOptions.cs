using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace InvestmentCrm.Web.Infrastructure.Security;

/// <summary>
/// The <c>Security:ForwardedHeaders</c> section: the reverse proxies (say nginx terminating TLS) whose
/// X-Forwarded-For and X-Forwarded-Proto the app believes. With none listed the headers are ignored, since anyone
/// could send them; with a proxy listed, the client address (rate limits) and HTTPS (HSTS, Secure cookies) come
/// from its headers.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Security:ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. "127.0.0.1" for nginx on the same machine.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR form, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row add themselves to X-Forwarded-For (each must be known).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<string> Problems()
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return $"{Section}:KnownProxies: \"{proxy}\" is not an IP address.";
        }

        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return $"{Section}:KnownNetworks: \"{network}\" is not a network in CIDR form such as 10.0.0.0/24.";
        }

        if (ForwardLimit is < 1 or > 10)
        {
            yield return $"{Section}:ForwardLimit must be between 1 and 10 (got {ForwardLimit}).";
        }
    }

    public void ApplyTo(ForwardedHeadersOptions options)
    {
        // ASP.NET Core trusts loopback by default and everyone when both lists are empty: neither is wanted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        options.ForwardedHeaders = Any ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
        options.ForwardLimit = ForwardLimit;
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
