namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>
/// The areas of the main menu, by page name. An area whose page does not exist yet is shown greyed out, so the menu
/// tells users what is coming without sending them to a 404; it lights up by itself when the page is added.
/// </summary>
public sealed class Navigation(LinkGenerator links)
{
    /// <summary>A menu area. <paramref name="Sections"/>: the URL paths it covers ("*" stands for one segment), when
    /// more than its own page's path; a page belongs to the area with the longest matching section.</summary>
    public sealed record Area(string TitleKey, string Page, string Icon, string? Role = null, string[]? Sections = null);

    public static readonly IReadOnlyList<Area> Areas =
    [
        new("Nav.Dashboard", "/Dashboard/Index", "speedometer"),
        new("Nav.Enterprises", "/Enterprises/Index", "building"),
        new("Nav.Chains", "/Chains/Index", "diagram"),
        new("Nav.Projects", "/Projects/Index", "kanban"),
        new("Nav.Matters", "/Matters/Index", "flag"),
        new("Nav.Calendar", "/Calendar/Index", "calendar"),
        // A chain's gap pages live under its address (/chains/SEW/gaps) but are gap analysis, not the chain map.
        new("Nav.Gaps", "/Gaps/Index", "puzzle", Sections: ["/gaps", "/chains/*/gaps"]),
        new("Nav.Land", "/Land/Index", "grid"),
        new("Nav.Reports", "/Reports/Index", "file"),
        new("Nav.Admin", "/Admin/Users/Index", "gear", Infrastructure.Identity.Roles.Admin, ["/admin"]),
    ];

    // The areas' paths do not change while the app runs: generated once, not for every area of every page's menu.
    private readonly Lazy<IReadOnlyDictionary<string, string?>> areaPaths =
        new(() => Areas.ToDictionary(a => a.Page, a => links.GetPathByPage(a.Page)));

    /// <summary>The page's URL, or null when the app has no such page.</summary>
    public string? PathOf(string page) =>
        areaPaths.Value.TryGetValue(page, out var path) ? path : links.GetPathByPage(page);

    public bool Exists(string page) => PathOf(page) is not null;

    /// <summary>The area a page belongs to: the dashboard only on itself, otherwise the area whose section matches
    /// most segments of the path; none for pages outside the menu (help, account).</summary>
    public Area? Current(PathString requestPath)
    {
        var path = requestPath.Value ?? "/";
        if (path is "/" or "/index" or "/Index")
        {
            return Areas[0];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Areas.Skip(1)
            .SelectMany(a => (a.Sections ?? [PathOf(a.Page) ?? ""]).Select(section => (Area: a, Length: Matched(section, segments))))
            .Where(m => m.Length > 0)
            .OrderByDescending(m => m.Length)
            .Select(m => m.Area)
            .FirstOrDefault();
    }

    /// <summary>How many segments <paramref name="section"/> matches at the start of the path (0: it does not).</summary>
    private static int Matched(string section, string[] segments)
    {
        var parts = section.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Length > segments.Length)
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
