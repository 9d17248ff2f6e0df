using System.Text.RegularExpressions;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Build;

/// <summary>
/// Links, form actions and redirects to the app's pages go by page name (<c>asp-page</c>, <c>RedirectToPage</c>,
/// <c>Url.Page</c>), so renaming a route is one edit to its <c>@page</c> line and a link cannot keep pointing at the
/// old URL. This scan fails on a literal app URL in a view or in C# so that the string form cannot come back.
/// </summary>
public sealed partial class PageLinkTests
{
    /// <summary>Literal URLs that are not Razor pages, each with why it stays a literal.</summary>
    private static readonly (string Prefix, string Reason)[] Allowed =
    [
        ("/css/", "static files (wwwroot), not pages"),
        ("/js/", "static files (wwwroot), not pages"),
        ("/lib/", "static files (wwwroot), not pages"),
        ("/favicon", "static file (wwwroot), not a page"),
    ];

    [Fact]
    public void No_view_or_code_links_or_redirects_to_an_app_page_by_a_literal_url()
    {
        var found = Sources()
            .SelectMany(file => LiteralUrls(File.ReadAllText(file)).Select(hit => $"{Path.GetRelativePath(RepoPaths.Root, file)}: {hit}"))
            .ToList();

        Assert.True(found.Count == 0, "Link by page name (asp-page, RedirectToPage, Url.Page) instead of:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("""<a class="x" href="/projects/create">""", true)]
    [InlineData("""<form method="post" action="/chains/@map.Code/delete">""", true)]
    [InlineData("""<div data-move-url="/projects/board?handler=Move">""", true)]
    [InlineData("""return Redirect("/projects/" + code);""", true)]
    [InlineData("""return LocalRedirect($"/reports/projects/{code}");""", true)]
    [InlineData("""<a href="/">""", true)]
    [InlineData("""<link rel="stylesheet" href="/css/site.css">""", false)]
    [InlineData("""<a asp-page="/Projects/Details" asp-route-code="@p.Code">""", false)]
    [InlineData("""return RedirectToPage("/Projects/Details", new { code });""", false)]
    [InlineData("""<a href="https://example.org/x">""", false)]
    public void The_scan_finds_literal_urls_and_passes_page_names_and_static_files(string source, bool flagged) =>
        Assert.Equal(flagged, LiteralUrls(source).Any());

    private static IEnumerable<string> Sources() =>
        Directory.EnumerateFiles(RepoPaths.Web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static IEnumerable<string> LiteralUrls(string source) =>
        LiteralUrl().Matches(source)
            .Where(m => !Allowed.Any(a => m.Groups["url"].Value.StartsWith(a.Prefix, StringComparison.Ordinal)))
            .Select(m => m.Value);

    /// <summary>An attribute that holds a URL (href, action, formaction, src, data-…-url) or a redirect whose
    /// argument starts with a site-relative literal ("/…" or $"/…", not "//host").</summary>
    [GeneratedRegex("""(?:\b(?:href|action|formaction|data-[\w-]*url)="|\b(?:Redirect|LocalRedirect|RedirectPermanent)\(\s*\$?")(?<url>/(?!/)[^"]*)""")]
    private static partial Regex LiteralUrl();
}
