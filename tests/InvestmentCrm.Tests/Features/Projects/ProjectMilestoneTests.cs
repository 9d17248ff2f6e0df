using System.Text.Json;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>The milestone dates (开工, 投产): recorded by the first move to started and to in production, kept once.</summary>
public sealed class ProjectMilestoneTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private async Task MoveAsync(TestBrowser browser, string code, string stage, Dictionary<string, string>? extra = null)
    {
        var values = new Dictionary<string, string> { ["Move.ToStage"] = stage, ["Move.Note"] = "" };
        foreach (var (key, value) in extra ?? [])
        {
            values[key] = value;
        }

        var response = await browser.SubmitAsync(await browser.PageAsync("/projects/" + code), "[data-testid=move-form]", values);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task The_first_moves_to_started_and_in_production_record_their_days_and_moving_back_keeps_them()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var today = app.Today.ToString("yyyy-MM-dd");
        await MoveAsync(staff1, "JJ2026-003", "signed", new() { ["Move.SignedOn"] = today, ["Move.ContractedInvestmentWan"] = "15000" });
        Assert.Null(await app.ScalarAsync<string?>("SELECT StartedOn FROM Projects WHERE Code = 'JJ2026-003'"));

        await MoveAsync(staff1, "JJ2026-003", "started");
        var page = await staff1.PageAsync("/projects/JJ2026-003");
        Assert.NotEqual("", page.QuerySelector("[data-testid=started-on]")!.TextContent.Trim());
        Assert.Equal(today, await app.ScalarAsync<string>("SELECT StartedOn FROM Projects WHERE Code = 'JJ2026-003'"));
        var audit = JsonDocument.Parse(await app.ScalarAsync<string>(
            "SELECT Changes FROM AuditLog WHERE EntityType = 'Project' AND EntityId = 'JJ2026-003' AND Changes LIKE '%StartedOn%'")).RootElement;
        Assert.Equal(today, audit.GetProperty("StartedOn")[1].GetString());

        // A day later it goes into production, back to started and into production again: both days stay the first ones.
        app.Clock.Advance(TimeSpan.FromDays(1));
        using var later = await app.AsAsync("staff1@demo.local");
        await MoveAsync(later, "JJ2026-003", "in_production");
        // A move back asks for a confirmation and a reason (StageMoveBackTests).
        await MoveAsync(later, "JJ2026-003", "started", new() { ["Move.Note"] = "投产推迟，设备调试", ["Move.ConfirmBackward"] = "true" });
        await MoveAsync(later, "JJ2026-003", "in_production");
        Assert.Equal(today, await app.ScalarAsync<string>("SELECT StartedOn FROM Projects WHERE Code = 'JJ2026-003'"));
        Assert.Equal(app.Today.ToString("yyyy-MM-dd"), await app.ScalarAsync<string>("SELECT InProductionOn FROM Projects WHERE Code = 'JJ2026-003'"));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE EntityId = 'JJ2026-003' AND Changes LIKE '%InProductionOn%'"));

        // The demo's started project carries its start date.
        Assert.Equal("2026-05-18", await app.ScalarAsync<string>("SELECT StartedOn FROM Projects WHERE Code = 'JJ2026-006'"));
    }
}
