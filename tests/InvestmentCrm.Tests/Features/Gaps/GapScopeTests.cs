using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Gaps;

/// <summary>
/// A gap link's page as each role reads it on the demo data: the pipeline figures are the bureau's (the same for
/// everyone, naming no project), the covering projects are listed only within the reader's project scope, and the
/// recommended targets are the same list, with the same reasons, for every reader.
/// </summary>
public sealed class GapScopeTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>staff2's (招商二科) demo projects and the links they cover.</summary>
    private static readonly (string Node, string Code)[] TeamTwoLinks = [("CHIP", "JJ2026-002"), ("MES", "JJ2026-004"), ("STEEL", "JJ2026-005")];

    [Theory]
    [InlineData("staff1@demo.local", false)]
    [InlineData("staff2@demo.local", true)]
    [InlineData("leader@demo.local", true)]
    [InlineData("admin@demo.local", true)]
    public async Task A_gap_links_page_names_only_the_covering_projects_the_reader_may_see(string email, bool seesTeamTwo)
    {
        using var reader = await app.SignedInAsync(email);

        foreach (var (node, code) in TeamTwoLinks)
        {
            var page = await reader.PageAsync($"/chains/SEW/gaps/{node}");

            Assert.Equal(seesTeamTwo, page.DocumentElement.OuterHtml.Contains(code, StringComparison.Ordinal));
            Assert.Equal(seesTeamTwo, page.QuerySelector($"[data-testid=projects] li[data-project='{code}']") is not null);
            // The figures stay the bureau's: one active project covers the link, whoever reads it.
            Assert.Equal("1", page.QuerySelector("[data-testid=pipeline] tbody tr td:nth-child(2)")!.TextContent.Trim());
            Assert.Equal(seesTeamTwo, page.QuerySelector("[data-testid=projects-not-listed]") is null);
        }
    }

    [Fact]
    public async Task The_projects_not_listed_for_a_reader_are_counted_in_words_without_naming_them()
    {
        using var staff1 = await app.SignedInAsync("staff1@demo.local");
        using var english = await app.SignedInAsync("staff1@demo.local", culture: "en");

        Assert.Equal("另有 1 个在谈项目未在此列出（只列出您有权查看的、进展最快的 5 个）。",
            (await staff1.PageAsync("/chains/SEW/gaps/CHIP")).QuerySelector("[data-testid=projects-not-listed]")!.TextContent.Trim());
        Assert.Equal("Active projects not listed here: 1 (only the 5 most advanced that you may see are listed).",
            (await english.PageAsync("/chains/SEW/gaps/CHIP")).QuerySelector("[data-testid=projects-not-listed]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Recommended_targets_and_their_reasons_are_the_same_for_every_reader_and_name_no_project()
    {
        // HANG's prospect 衣拿 is in staff1's JJ2026-001: it is left out for everyone (so no second team chases it),
        // and no reason says by whom.
        var tables = new List<string>();
        foreach (var email in new[] { "staff1@demo.local", "staff2@demo.local", "leader@demo.local" })
        {
            using var reader = await app.SignedInAsync(email);
            var targets = (await reader.PageAsync("/chains/SEW/gaps/HANG")).QuerySelector("[data-testid=targets]")!;
            Assert.DoesNotMatch(@"JJ\d{4}-\d{3}", targets.OuterHtml);
            Assert.DoesNotContain("衣拿", targets.TextContent, StringComparison.Ordinal);
            tables.Add(targets.TextContent);
        }

        Assert.Single(tables.Distinct());
    }
}
