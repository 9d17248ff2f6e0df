using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>
/// The areas of the main menu. An area whose page does not exist yet is shown greyed out, so the menu tells
/// users what is coming without sending them to a 404; it lights up by itself when the page is added.
/// </summary>
public sealed class Navigation(EndpointDataSource endpoints)
{
    public sealed record Area(string TitleKey, string Path, string Icon, string? Role = null);

    public static readonly IReadOnlyList<Area> Areas =
    [
        new("Nav.Dashboard", "/", "speedometer"),
        new("Nav.Enterprises", "/enterprises", "building"),
        new("Nav.Chains", "/chains", "diagram"),
        new("Nav.Projects", "/projects", "kanban"),
        new("Nav.Gaps", "/gaps", "puzzle"),
        new("Nav.Land", "/land", "grid"),
        new("Nav.Reports", "/reports", "file"),
        new("Nav.Admin", "/admin/users", "gear", Infrastructure.Identity.Roles.Admin),
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

    public static bool IsCurrent(Area area, PathString requestPath) =>
        area.Path == "/"
            ? requestPath == "/" || requestPath == "/index"
            : requestPath.StartsWithSegments(area.Path == "/admin/users" ? "/admin" : area.Path, StringComparison.OrdinalIgnoreCase);
}
