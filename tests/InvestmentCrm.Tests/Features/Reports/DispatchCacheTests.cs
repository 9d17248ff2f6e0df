using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Reports;

/// <summary>
/// The dispatch report is kept between views (Features/Reports/Dispatch/DispatchCache) and must never be stale: a
/// ledger entry or a new coordination matter shows on the very next view, in every scope that sees the project.
/// Its own app: the writes here would change the figures <see cref="DispatchReportTests"/> checks.
/// </summary>
public sealed class DispatchCacheTests(DispatchApp fixture) : IClassFixture<DispatchApp>
{
    private string Url => "/reports/dispatch?month=" + fixture.Month;

    private static string Figure(IDocument page, string team, string figure) =>
        page.QuerySelectorAll("[data-testid=figures-Month] tbody tr")
            .Single(r => r.QuerySelector("td")!.TextContent.Trim() == team)
            .QuerySelector($"[data-figure={figure}]")!.TextContent.Trim();

    [Fact]
    public async Task A_ledger_entry_and_a_new_matter_show_on_the_next_view_for_leaders_and_the_projects_team()
    {
        using var leader = await fixture.AsAsync("leader@demo.local");
        using var staff = await fixture.AsAsync(DispatchSamples.StaffB);
        var before = await leader.PageAsync(Url);
        var staffBefore = await staff.PageAsync(Url);
        Assert.Equal("0", Figure(before, DispatchSamples.TeamB, "funds-wan"));
        Assert.Equal("0", Figure(staffBefore, DispatchSamples.TeamB, "funds-wan"));
        Assert.Equal("0", Figure(await leader.PageAsync(Url), DispatchSamples.TeamB, "funds-wan")); // served again unchanged

        await fixture.Db.ExecuteAsync("""
            INSERT INTO FundsInPlace (ProjectId, ReceivedOn, AmountWan, Kind, CreatedAtUtc, UpdatedAtUtc)
            SELECT Id, @Day, 123, 'domestic', @Now, @Now FROM Projects WHERE Code = 'DB-1'
            """, new { Day = fixture.Month.First.AddDays(2), Now = fixture.Clock.Now.UtcDateTime });
        await fixture.Db.ExecuteAsync("""
            INSERT INTO CoordinationMatters (ProjectId, Category, Description, Department, DueOn, Status, RaisedByUserId, RaisedAtUtc, UpdatedAtUtc)
            SELECT Id, 'power', '电力增容', '缓存测试局', @Due, 'open', OwnerUserId, @Now, @Now FROM Projects WHERE Code = 'DB-1'
            """, new { Due = fixture.Today.AddDays(30), Now = fixture.Clock.Now.UtcDateTime });

        var after = await leader.PageAsync(Url);
        var staffAfter = await staff.PageAsync(Url);
        Assert.Equal("123", Figure(after, DispatchSamples.TeamB, "funds-wan"));
        Assert.Equal("123", Figure(staffAfter, DispatchSamples.TeamB, "funds-wan"));
        foreach (var page in new[] { after, staffAfter })
        {
            Assert.Contains(page.QuerySelectorAll("[data-testid=matters] tbody tr"), r => r.GetAttribute("data-department") == "缓存测试局");
        }
    }
}
