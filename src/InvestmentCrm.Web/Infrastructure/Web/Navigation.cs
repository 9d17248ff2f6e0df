namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>
/// The areas of the main menu, by page name. An area whose page does not exist yet is shown greyed out, so the menu
/// tells users what is coming without sending them to a 404; it lights up by itself when the page is added.
/// </summary>
public sealed class Navigation(LinkGenerator links)
{
    public sealed record Area(string TitleKey, string Page, string Icon, string? Role = null);

    public static readonly IReadOnlyList<Area> Areas =
    [
        new("Nav.Dashboard", "/Dashboard/Index", "speedometer"),
        new("Nav.Enterprises", "/Enterprises/Index", "building"),
        new("Nav.Chains", "/Chains/Index", "diagram"),
        new("Nav.Projects", "/Projects/Index", "kanban"),
        new("Nav.Gaps", "/Gaps/Index", "puzzle"),
        new("Nav.Land", "/Land/Index", "grid"),
        new("Nav.Reports", "/Reports/Index", "file"),
        new("Nav.Admin", "/Admin/Users/Index", "gear", Infrastructure.Identity.Roles.Admin),
    ];

    /// <summary>The page's URL, or null when the app has no such page.</summary>
    public string? PathOf(string page) => links.GetPathByPage(page);

    public bool Exists(string page) => PathOf(page) is not null;

    /// <summary>Whether the request is in the area whose page is at <paramref name="areaPath"/>: the dashboard only on
    /// itself, the admin area on everything under /admin (users, audit, jobs…), any other area under its own path.</summary>
    public static bool IsCurrent(string areaPath, PathString requestPath) =>
        areaPath == "/"
            ? requestPath == "/" || requestPath == "/index"
            : requestPath.StartsWithSegments(areaPath.StartsWith("/admin/", StringComparison.Ordinal) ? "/admin" : areaPath, StringComparison.OrdinalIgnoreCase);
}
