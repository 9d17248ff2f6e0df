using System.Globalization;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Dashboard;

/// <summary>
/// The dashboard's funds in place of the year against the yearly funds target (set on /admin/targets beside the
/// signing target): scoped like every figure, and never stale although cached (FundsInPlace and TeamTargets carry
/// write counters, migrations 0017 and 0022).
/// </summary>
public sealed class FundsDashboardTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private static string Text(IDocument page, string testId) => page.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static decimal Wan(IDocument page) => decimal.Parse(Text(page, "funds-wan"), NumberStyles.Number, CultureInfo.InvariantCulture);

    private Task<decimal> YearSumAsync(string? team) => app.ScalarAsync<decimal>("""
        SELECT COALESCE(SUM(f.AmountWan), 0) FROM FundsInPlace f JOIN Projects p ON p.Id = f.ProjectId
        LEFT JOIN Teams t ON t.Id = p.TeamId
        WHERE f.ReceivedOn >= @From AND (@Team IS NULL OR t.Name = @Team)
        """, new { From = new DateOnly(app.Today.Year, 1, 1), Team = team });

    [Fact]
    public async Task A_new_ledger_entry_shows_on_the_next_dashboard_view_in_the_scope_that_sees_it_only()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        using var staff2 = await app.AsAsync("staff2@demo.local");
        using var leader = await app.AsAsync("leader@demo.local");
        var (own, other, all) = (Wan(await staff1.PageAsync("/")), Wan(await staff2.PageAsync("/")), Wan(await leader.PageAsync("/")));
        Assert.Equal(await YearSumAsync("招商一科"), own);
        Assert.Equal(await YearSumAsync(null), all);
        Assert.True(own > 0, "the demo has funds in place on staff1's JJ2026-006 this year");

        var project = await staff1.PageAsync("/projects/JJ2026-003");
        await staff1.FollowAsync(await staff1.SubmitAsync(project, "[data-testid=funds-form]", new Dictionary<string, string>
        {
            ["Form.ReceivedOn"] = app.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Form.AmountWan"] = "321",
            ["Form.Kind"] = "domestic",
        }));

        Assert.Equal(own + 321m, Wan(await staff1.PageAsync("/")));
        Assert.Equal(all + 321m, Wan(await leader.PageAsync("/")));
        Assert.Equal(other, Wan(await staff2.PageAsync("/")));
    }

    [Fact]
    public async Task The_funds_target_is_edited_beside_the_signing_target_audited_and_shown_at_once_per_team_and_for_the_bureau()
    {
        using var admin = await app.AsAsync("admin@demo.local", "en");
        using var staff1 = await app.AsAsync("staff1@demo.local", "en");
        // From a year without targets (the demo sets some, Demo/TargetsDemo): the first ones are set here.
        await app.Db.ExecuteAsync("DELETE FROM TeamTargets");
        Assert.Equal("No annual funds target set.", Text(await staff1.PageAsync("/"), "funds-target"));
        var team1 = await app.ScalarAsync<long>("SELECT Id FROM Teams WHERE Name = '招商一科'");
        var form = await admin.PageAsync("/admin/targets");
        var bureauRow = form.QuerySelector("tr[data-team=all] input[name$='FundsTargetWan']")!.GetAttribute("name")!;
        var teamRow = form.QuerySelector($"tr[data-team='{team1}'] input[name$='FundsTargetWan']")!.GetAttribute("name")!;

        var saved = await admin.SubmitAsync(form, "[data-testid=targets-form]", new Dictionary<string, string> { [bureauRow] = "100000", [teamRow] = "40000" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);

        // A funds target without a signing target: the signing target stays unset.
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM TeamTargets WHERE TeamId = @Id AND TargetWan IS NULL AND FundsTargetWan = 40000", new { Id = team1 }));
        var staffPage = await staff1.PageAsync("/");
        Assert.Equal("Annual target 40,000 (10k yuan)", Text(staffPage, "funds-target"));
        Assert.Equal("No annual target set.", Text(staffPage, "target"));
        var leaderPage = await admin.PageAsync("/");
        Assert.Equal("Annual target 100,000 (10k yuan)", Text(leaderPage, "funds-target"));
        Assert.Contains("40,000", leaderPage.QuerySelector($"[data-testid=funds-by-team] [data-team='{team1}']")!.TextContent);
        Assert.Contains("\"FundsTargetWan\":[null,40000", await app.ScalarAsync<string>(
            "SELECT Changes FROM AuditLog WHERE EntityType = 'TeamTarget' AND EntityId = @Id ORDER BY Id DESC", new { Id = $"{app.Today.Year}/{team1}" }));

        // Clearing both targets of a team removes its row.
        var again = await admin.PageAsync("/admin/targets");
        await admin.SubmitAsync(again, "[data-testid=targets-form]", new Dictionary<string, string> { [teamRow] = "" });
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM TeamTargets WHERE TeamId = @Id", new { Id = team1 }));
        Assert.Equal("No annual funds target set.", Text(await staff1.PageAsync("/"), "funds-target"));
    }
}
