using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Security;

/// <summary>The <c>Security:Headers</c> section: HSTS and what a path may add to the Content-Security-Policy.</summary>
public sealed class SecurityHeaderOptions
{
    public const string Section = "Security:Headers";

    /// <summary>Strict-Transport-Security max-age, sent on HTTPS requests only.</summary>
    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>Also pin HTTPS for every subdomain of the app's host: only when all of them serve HTTPS.</summary>
    public bool HstsIncludeSubDomains { get; set; }

    /// <summary>
    /// Sources a path (and everything under it) adds to one directive of the policy, e.g. a mounted dashboard's
    /// inline style by its hash: <c>{ "Path": "/admin/jobs", "Directive": "style-src", "Sources": "'sha256-…'" }</c>.
    /// </summary>
    public List<CspPathSource> CspPathSources { get; set; } = [];

    public IEnumerable<string> Problems()
    {
        if (HstsMaxAgeDays is < 0 or > 3650)
        {
            yield return $"{Section}:HstsMaxAgeDays must be between 0 and 3650 (got {HstsMaxAgeDays}).";
        }

        foreach (var source in CspPathSources)
        {
            if (source.Problem() is { } problem)
            {
                yield return $"{Section}:CspPathSources: {problem}";
            }
        }
    }
}

public sealed partial class CspPathSource
{
    public string Path { get; set; } = string.Empty;

    public string Directive { get; set; } = string.Empty;

    public string Sources { get; set; } = string.Empty;

    public string? Problem()
    {
        if (!Path.StartsWith('/'))
        {
            return $"the path \"{Path}\" must start with /.";
        }

        if (!DirectiveName().IsMatch(Directive))
        {
            return $"\"{Directive}\" is not a fetch directive such as style-src or script-src.";
        }

        // A ; or a line break would end the directive and let configuration smuggle in another one.
        return string.IsNullOrWhiteSpace(Sources) || Sources.IndexOfAny([';', ',', '\r', '\n']) >= 0
            ? $"the sources of {Directive} for {Path} must be a non-empty list separated by spaces (got \"{Sources}\")."
            : null;
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*-src$")]
    private static partial Regex DirectiveName();
}

/// <summary>
/// The Content-Security-Policy of every response. The app's own pages run only their own script files (no inline
/// script, no event-handler attributes, no eval) and style themselves only from their own style sheets (no style
/// attributes or style elements; scripts may still set element.style). Configured paths add sources to one directive.
/// </summary>
public sealed class ContentSecurityPolicy
{
    /// <summary>Directive and sources, in the order they are sent.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Base =
    [
        new("default-src", "'self'"),
        new("script-src", "'self'"),
        new("style-src", "'self'"),
        // Bootstrap draws its small icons (select arrows, close buttons, the menu toggler) as data: SVG images.
        new("img-src", "'self' data:"),
        new("font-src", "'self'"),
        new("connect-src", "'self'"),
        new("object-src", "'none'"),
        new("base-uri", "'self'"),
        new("form-action", "'self'"),
        new("frame-ancestors", "'self'"),
    ];

    private readonly string basePolicy;
    private readonly List<(PathString Path, string Policy)> byPath;

    public ContentSecurityPolicy(IOptions<SecurityHeaderOptions> options)
    {
        basePolicy = Render(Base);
        // The longest path first, so that a deeper path's own additions win over its parent's.
        byPath = options.Value.CspPathSources
            .GroupBy(source => source.Path.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(group => group.Key.Length)
            .Select(group => (new PathString(group.Key), Render(Add(group))))
            .ToList();
    }

    public string For(PathString path)
    {
        foreach (var (prefix, policy) in byPath)
        {
            if (path.StartsWithSegments(prefix))
            {
                return policy;
            }
        }

        return basePolicy;
    }

    private static List<KeyValuePair<string, string>> Add(IEnumerable<CspPathSource> additions)
    {
        var directives = Base.ToList();
        foreach (var addition in additions)
        {
            var index = directives.FindIndex(d => d.Key == addition.Directive);
            if (index < 0)
            {
                // A directive the base leaves to default-src keeps 'self' when a path adds to it.
                directives.Add(new(addition.Directive, "'self' " + addition.Sources.Trim()));
            }
            else
            {
                directives[index] = new(addition.Directive, directives[index].Value + " " + addition.Sources.Trim());
            }
        }

        return directives;
    }

    private static string Render(IEnumerable<KeyValuePair<string, string>> directives) =>
        string.Join("; ", directives.Select(d => d.Key + " " + d.Value));
}
