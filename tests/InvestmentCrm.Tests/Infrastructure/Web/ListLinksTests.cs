using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Infrastructure.Web;

/// <summary>
/// The links a list builds once per page (RowLinks: each row's link to its record; the sort-header tag helper: each
/// column's order) go where the router would send them one by one.
/// </summary>
public sealed class ListLinksTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    [Fact]
    public async Task Each_enterprise_and_project_row_links_to_its_own_record()
    {
        using var admin = await app.AsAsync("admin@demo.local");

        var enterprises = await admin.PageAsync("/enterprises");
        var rows = enterprises.QuerySelectorAll("tr[data-uscc]");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var id = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Enterprises WHERE Uscc = @Uscc", new { Uscc = row.GetAttribute("data-uscc") });
            var link = row.QuerySelector("td a")!.GetAttribute("href");
            Assert.Equal($"/enterprises/{id}", link);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync(link!)).StatusCode);
        }

        var projects = await admin.PageAsync("/projects");
        var projectRows = projects.QuerySelectorAll("tr[data-project]");
        Assert.NotEmpty(projectRows);
        Assert.All(projectRows, row => Assert.Equal("/projects/" + Uri.EscapeDataString(row.GetAttribute("data-project")!),
            row.QuerySelector("a[href^='/projects/']")!.GetAttribute("href")));
    }

    [Fact]
    public async Task A_sort_header_keeps_the_filters_drops_the_page_and_turns_the_active_column_around()
    {
        using var admin = await app.AsAsync("admin@demo.local", culture: "en");

        var list = await admin.PageAsync("/enterprises?kind=local&p=1&sort=name");

        var name = list.QuerySelector("th a[aria-sort]")!;
        Assert.Equal("ascending", name.GetAttribute("aria-sort"));
        Assert.Equal("/enterprises?kind=local&sort=-name", name.GetAttribute("href"));
        Assert.EndsWith(" ▲", name.TextContent, StringComparison.Ordinal);
        var revenue = list.QuerySelectorAll("th a").Single(a => a.GetAttribute("href")!.EndsWith("sort=revenue", StringComparison.Ordinal));
        Assert.Equal("/enterprises?kind=local&sort=revenue", revenue.GetAttribute("href"));
        Assert.Null(revenue.GetAttribute("aria-sort"));
        Assert.Equal("Sort by this column", revenue.GetAttribute("title"));
    }
}
