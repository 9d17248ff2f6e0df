using System.Net;
using System.Text.Json;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Gaps;

/// <summary>
/// The gap analysis is cached per chain (Gaps/GapCache) and its JSON and diagram per analysis (Gaps/GapRenderings):
/// writes made through the pages and the importer, as users make them, show on the very next read, and a staff
/// member never sees the covering projects cached for a reader of another scope.
/// </summary>
public sealed class GapCachePagesTests(ProjectsApp app) : IClassFixture<ProjectsApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<JsonElement> NodeAsync(TestBrowser browser, string code)
    {
        var json = JsonDocument.Parse(await browser.Client.GetStringAsync("/api/chains/SEW/gaps")).RootElement;
        return json.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("code").GetString() == code);
    }

    private static async Task<List<string>> ListedAsync(TestBrowser browser, string node) =>
        [.. (await browser.PageAsync($"/chains/SEW/gaps/{node}")).QuerySelectorAll("[data-testid=projects] li[data-project]").Select(li => li.GetAttribute("data-project")!)];

    [Fact]
    public async Task A_stage_move_on_the_project_page_shows_on_the_next_api_read_node_page_and_diagram()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var before = await NodeAsync(leader, "HANG");
        Assert.Equal(before.ToString(), (await NodeAsync(leader, "HANG")).ToString());
        Assert.Contains("JJ2026-001", await ListedAsync(staff1, "HANG"));
        Assert.True(before.GetProperty("pipelineCoverage").GetDecimal() > 0);
        var diagramBefore = (await leader.PageAsync("/chains/SEW/gaps")).QuerySelector("svg")!.OuterHtml;

        var project = await staff1.PageAsync("/projects/JJ2026-001");
        var moved = await staff1.SubmitAsync(project, "[data-testid=move-form]", new Dictionary<string, string> { ["Move.ToStage"] = "lost", ["Move.Note"] = "企业改投外省" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        Assert.Equal(0m, (await NodeAsync(leader, "HANG")).GetProperty("pipelineCoverage").GetDecimal());
        Assert.DoesNotContain("JJ2026-001", await ListedAsync(staff1, "HANG"));
        Assert.NotEqual(diagramBefore, (await leader.PageAsync("/chains/SEW/gaps")).QuerySelector("svg")!.OuterHtml);
    }

    [Fact]
    public async Task An_enterprise_import_shows_on_the_next_api_read()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        var before = (await NodeAsync(leader, "CAST")).GetProperty("localCount").GetInt32();

        var imported = await app.WithImporterAsync(w => w.ImportCsvAsync(EnterpriseSamples.Csv(EnterpriseSamples.Row(9802, "SEW:CAST"))));
        Assert.Equal(1, imported.Created);

        Assert.Equal(before + 1, (await NodeAsync(leader, "CAST")).GetProperty("localCount").GetInt32());
    }

    [Fact]
    public async Task Staff_of_another_team_never_get_the_covering_projects_listed_for_a_leader_or_the_owner()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        using var staff2 = await app.AsAsync("staff2@demo.local");
        using var staff1 = await app.AsAsync("staff1@demo.local");

        // The leader and the owning team read first, with nothing written in between.
        Assert.Equal(["JJ2026-002"], await ListedAsync(leader, "CHIP"));
        Assert.Equal(["JJ2026-002"], await ListedAsync(staff2, "CHIP"));
        Assert.Empty(await ListedAsync(staff1, "CHIP"));
        Assert.DoesNotContain("JJ2026-002", (await staff1.PageAsync("/chains/SEW/gaps/CHIP")).DocumentElement.OuterHtml);
    }
}
