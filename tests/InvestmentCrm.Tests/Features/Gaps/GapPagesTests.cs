using System.Net;
using System.Text.Json;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Gaps;

/// <summary>The gap pages, the JSON API and the <c>gaps</c> verb on the Jiaojiang demo data.</summary>
public sealed class GapPagesTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        _ = app.Services;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Api_returns_every_node_with_exactly_the_fields_of_the_design_and_404_for_an_unknown_chain()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var json = JsonDocument.Parse(await staff.Client.GetStringAsync("/api/chains/sew/gaps")).RootElement;

        Assert.Equal("SEW", json.GetProperty("chain").GetString());
        var nodes = json.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(27, nodes.Count);
        Assert.All(nodes, n => Assert.Equal(
            ["code", "name", "status", "rank", "score", "localCount", "localOutputWan", "demandWan", "supplyWan", "pipelineCoverage", "reasons"],
            n.EnumerateObject().Select(p => p.Name)));
        var ranks = nodes.Where(n => n.GetProperty("rank").ValueKind == JsonValueKind.Number).Select(n => n.GetProperty("rank").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, ranks.Count), ranks);
        Assert.All(nodes.Where(n => n.GetProperty("rank").ValueKind == JsonValueKind.Null),
            n => Assert.Contains(n.GetProperty("status").GetString(), new[] { "covered", "none" }));
        Assert.Equal("智能吊挂系统", nodes[0].GetProperty("name").GetString());
        Assert.StartsWith("本地没有企业", nodes[0].GetProperty("reasons")[0].GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/chains/NOPE/gaps")).StatusCode);
    }

    [Fact]
    public async Task Gaps_verb_prints_a_table_and_refuses_an_unknown_chain_or_bad_arguments_with_exit_code_2()
    {
        var table = await Support.Cli.RunInAsync("zh-CN", app.DatabasePath, "gaps", "SEW");
        Assert.Equal(0, table.ExitCode);
        var lines = table.Out.Split('\n');
        Assert.Contains("缝制设备产业链（SEW）", lines[0]);
        Assert.Contains("排名", lines[1]);
        Assert.Matches(@"^\s*1\s+HANG\s+智能吊挂系统\s+补链\s+0\.711", lines[2]);

        var unknown = await Support.Cli.RunAsync(app.DatabasePath, "gaps", "NOPE");
        Assert.Equal((2, "There is no chain with the code NOPE."), (unknown.ExitCode, unknown.Error.Trim()));
        Assert.Equal("", unknown.Out);

        var usage = await Support.Cli.RunAsync(app.DatabasePath, "gaps");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("gaps CODE [--json]", usage.Error);
    }

    [Fact]
    public async Task Chain_gaps_page_in_english_shows_statuses_settings_and_filters_by_status()
    {
        using var staff = await app.SignedInAsync("staff2@demo.local", culture: "en");

        var page = await staff.PageAsync("/chains/SEW/gaps");
        Assert.Contains("Intelligent hanging systems", page.QuerySelector("[data-testid=gap-table] tr[data-node=HANG]")!.TextContent);
        Assert.Contains("Missing", page.QuerySelector("[data-testid=gap-table] tr[data-node=HANG]")!.TextContent);
        Assert.Contains("Weights: unmet demand 0.6", page.QuerySelector("[data-testid=settings]")!.TextContent);
        Assert.Null(page.QuerySelector("form[data-testid=snapshot-form]"));

        var weak = await staff.PageAsync("/chains/SEW/gaps?status=weak");
        var rows = weak.QuerySelectorAll("[data-testid=gap-table] tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("weak", r.GetAttribute("data-status")));

        var node = await staff.PageAsync("/chains/SEW/gaps/CHIP");
        Assert.Equal("missing", node.QuerySelector("[data-testid=status]")!.GetAttribute("data-status"));
        Assert.Contains("0.443", node.QuerySelector("[data-testid=score]")!.TextContent);
        Assert.NotNull(node.QuerySelector("[data-testid=no-targets]")); // its only prospect is in project JJ2026-002

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/chains/NOPE/gaps")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/chains/SEW/gaps/NOPE")).StatusCode);
    }

    [Fact]
    public async Task Cross_chain_view_ranks_the_top_gaps_of_all_chains()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var page = await staff.PageAsync("/gaps");

        var first = page.QuerySelector("[data-testid=top-gaps] tbody tr")!;
        Assert.Equal(("SEW", "HANG"), (first.GetAttribute("data-chain"), first.GetAttribute("data-node")));
        Assert.NotNull(page.QuerySelector("[data-testid=chains] tr[data-chain=SEW]"));
        var missing = await staff.PageAsync("/gaps?status=missing");
        Assert.All(missing.QuerySelectorAll("[data-testid=top-gaps] tbody tr"), r => Assert.Contains("补链", r.TextContent));
    }

    [Fact]
    public async Task Staff_cannot_take_snapshots_or_open_the_settings()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var snapshots = await ChainSamples.CountAsync(app.Db, "GapSnapshots"); // the demo's starting state
        // A valid antiforgery token (from the sign-out form every page carries), so only the role check can refuse.
        var page = await staff.PageAsync("/chains/SEW/gaps");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await staff.Client.PostAsync("/chains/SEW/gaps?handler=Snapshot", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Contains("/account/accessdenied", post.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(snapshots, await ChainSamples.CountAsync(app.Db, "GapSnapshots"));

        var settings = await staff.GetAsync("/admin/gaps");
        Assert.Contains("/account/accessdenied", settings.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }
}
