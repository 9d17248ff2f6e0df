using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Land;

/// <summary>
/// /land/parks sets the land that could be freed against the land the active gap projects need. The figure is the
/// bureau's (every team's projects, naming none); the list of those projects is the reader's own scope, with the
/// others counted in a sentence.
/// </summary>
public sealed class ParkProjectsScopeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("staff1@demo.local", "招商一科")]
    [InlineData("staff2@demo.local", "招商二科")]
    public async Task Staff_see_only_their_teams_projects_on_the_park_page_while_the_land_needed_stays_the_bureaus(string email, string team)
    {
        _ = app.Services;
        using var leader = await app.SignedInAsync("leader@demo.local");
        var all = await leader.PageAsync("/land/parks?year=2025");
        var everyProject = all.QuerySelectorAll("table[data-testid=projects] tr[data-project]")
            .Select(r => (Park: r.GetAttribute("data-park")!, Code: r.GetAttribute("data-project")!)).ToList();
        var teamProjects = (await app.Db.QueryAsync<string>(
            "SELECT p.Code FROM Projects p JOIN Teams t ON t.Id = p.TeamId WHERE t.Name = @Team", new { Team = team })).ToHashSet();
        Assert.Contains(everyProject, p => !teamProjects.Contains(p.Code));

        using var staff = await app.SignedInAsync(email);
        var page = await staff.PageAsync("/land/parks?year=2025");

        var listed = page.QuerySelectorAll("table[data-testid=projects] tr[data-project]").Select(r => (Park: r.GetAttribute("data-park")!, Code: r.GetAttribute("data-project")!));
        Assert.Equal(everyProject.Where(p => teamProjects.Contains(p.Code)).Order(), listed.Order());
        foreach (var other in everyProject.Where(p => !teamProjects.Contains(p.Code)))
        {
            Assert.DoesNotContain(other.Code, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }

        // The land needed, per park, is the bureau's figure; the others are counted per park.
        Assert.Equal(
            all.QuerySelectorAll("table[data-testid=parks] tr[data-park]").Select(r => r.GetAttribute("data-needed")),
            page.QuerySelectorAll("table[data-testid=parks] tr[data-park]").Select(r => r.GetAttribute("data-needed")));
        var expectedOthers = everyProject.Where(p => !teamProjects.Contains(p.Code)).GroupBy(p => p.Park).ToDictionary(g => g.Key, g => g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var notListed = page.QuerySelectorAll("table[data-testid=projects] tr[data-testid=projects-not-listed]")
            .ToDictionary(r => r.GetAttribute("data-park")!, r => r.GetAttribute("data-count")!);
        Assert.Equal(expectedOthers.OrderBy(p => p.Key), notListed.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task The_projects_a_reader_may_not_see_are_counted_with_their_land_in_words()
    {
        _ = app.Services;
        using var staff1 = await app.SignedInAsync("staff1@demo.local");

        var row = (await staff1.PageAsync("/land/parks?year=2025")).QuerySelector("table[data-testid=projects] tr[data-testid=projects-not-listed]")!;

        Assert.Equal(row.GetAttribute("data-park"), row.QuerySelector("td")!.TextContent.Trim());
        Assert.Matches(@"^另有 \d+ 个您无权查看的项目（共 [\d,.]+ 亩）计入上表的所需用地。$", row.QuerySelector("td:last-child")!.TextContent.Trim());
    }
}
