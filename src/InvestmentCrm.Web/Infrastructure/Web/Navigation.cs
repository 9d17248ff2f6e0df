using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>
/// The areas of the main menu. An area whose page does not exist yet is shown greyed out, so the menu tells
/// users what is coming without sending them to a 404; it lights up by itself when the page is added.
/// </summary>
public sealed class Navigation(EndpointDataSource endpoints)
{
    /// <summary>A menu area. <paramref name="Sections"/>: the paths it covers ("*" stands for one segment), when
    /// more than its own path; a page belongs to the area with the longest matching section.</summary>
    public sealed record Area(string TitleKey, string Path, string Icon, string? Role = null, string[]? Sections = null)
    {
        public IReadOnlyList<string> Covers => Sections ?? [Path];
    }

    public static readonly IReadOnlyList<Area> Areas =
    [
        new("Nav.Dashboard", "/", "speedometer"),
        new("Nav.Enterprises", "/enterprises", "building"),
        new("Nav.Chains", "/chains", "diagram"),
        new("Nav.Projects", "/projects", "kanban"),
        // A chain's gap pages live under its address (/chains/SEW/gaps) but are gap analysis, not the chain map.
        new("Nav.Gaps", "/gaps", "puzzle", Sections: ["/gaps", "/chains/*/gaps"]),
        new("Nav.Land", "/land", "grid"),
        new("Nav.Reports", "/reports", "file"),
        new("Nav.Admin", "/admin/users", "gear", Infrastructure.Identity.Roles.Admin, ["/admin"]),
    ];

    private HashSet<string>? pages;

    public bool Exists(string path)
    {
        pages ??= endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/').ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        return pages.Contains(path);
    }

    public static bool IsCurrent(Area area, PathString requestPath) => Current(requestPath) == area;

    /// <summary>The area a page belongs to: the one whose section matches most segments of its path; none for
    /// pages outside the menu (help, account).</summary>
    public static Area? Current(PathString requestPath)
    {
        var path = requestPath.Value ?? "/";
        if (path is "/" or "/index" or "/Index")
        {
            return Areas[0];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Areas.Where(a => a.Path != "/")
            .SelectMany(a => a.Covers.Select(section => (Area: a, Length: Matched(section, segments))))
            .Where(m => m.Length > 0)
            .OrderByDescending(m => m.Length)
            .Select(m => m.Area)
            .FirstOrDefault();
    }

    /// <summary>How many segments <paramref name="section"/> matches at the start of the path (0: it does not).</summary>
    private static int Matched(string section, string[] segments)
    {
        var parts = section.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > segments.Length)
        {
            return 0;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] != "*" && !string.Equals(parts[i], segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return 0;
            }
        }

        return parts.Length;
    }
}
