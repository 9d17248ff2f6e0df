using System.Text.Json;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Gaps;

/// <summary>
/// The demo's story end to end: in the Jiaojiang demo the intelligent hanging-system link (HANG) is the
/// top missing link; Yina, the prospect that could fill it, is already in a project; once its owner moves that
/// project to in_production (which makes Yina local) the gap is gone, and the snapshot comparison says it was closed.
/// </summary>
public sealed class JiaojiangGapStoryTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Hanging_systems_is_the_top_missing_link_until_yina_is_in_production()
    {
        using var leader = await app.SignedInAsync("leader@demo.local");

        // The command line: HANG first, with the figures worked out by hand from the demo CSVs and sew-chain.json:
        // D(HANG) = 0.3·Y(APPAREL 120000) + 1/2·Y(HOMETEX 50000) = 61000, the largest unmet demand of the chain;
        // S(HANG) = 142500 against the largest 192500 (INDSEW); key link; Yina's project at site_visit covers 0.25:
        // (0.6 + 0.2·142500/192500 + 0.2) × 0.75 ≈ 0.711. CHIP: 0.6·50000/61000 × (1 − 0.1) ≈ 0.443. RECYC: 0.6·28000/61000 + 0.2·120000/192500 ≈ 0.400.
        var cli = await Support.Cli.RunAsync(app.DatabasePath, "gaps", "SEW", "--json");
        Assert.Equal(0, cli.ExitCode);
        var nodes = JsonDocument.Parse(cli.Out).RootElement.GetProperty("nodes").EnumerateArray().ToList();
        var top = nodes[0];
        Assert.Equal(("HANG", "missing", 1), (top.GetProperty("code").GetString(), top.GetProperty("status").GetString(), top.GetProperty("rank").GetInt32()));
        Assert.Equal(61000m, top.GetProperty("demandWan").GetDecimal());
        Assert.Equal(0.25m, top.GetProperty("pipelineCoverage").GetDecimal());
        Assert.Equal(0.7110, (double)top.GetProperty("score").GetDecimal(), 3);
        Assert.Equal(["HANG", "CHIP", "RECYC"], nodes.Take(3).Select(n => n.GetProperty("code").GetString()));
        Assert.Equal(0.443, (double)nodes[1].GetProperty("score").GetDecimal(), 3);
        Assert.Equal(0.400, (double)nodes[2].GetProperty("score").GetDecimal(), 3);

        // The page: HANG red and marked #1 in the diagram, first in the ranked table.
        var page = await leader.PageAsync("/chains/SEW/gaps");
        var hangBox = page.QuerySelector("[data-testid=diagram] g.chain-node[data-node=HANG]")!;
        Assert.Equal("missing", hangBox.GetAttribute("data-status"));
        Assert.Equal("#1", hangBox.QuerySelector(".chain-node-badge")!.TextContent);
        Assert.Equal("HANG", page.QuerySelector("[data-testid=gap-table] tbody tr")!.GetAttribute("data-node"));
        Assert.Equal("covered", page.QuerySelector("[data-testid=diagram] g.chain-node[data-node=INDSEW]")!.GetAttribute("data-status"));

        // Why, and who could fill it: Yina is in an active project, so the other hanging-system maker is suggested.
        var hang = await leader.PageAsync("/chains/SEW/gaps/HANG");
        Assert.Contains("61,000", hang.QuerySelector("[data-testid=reasons]")!.TextContent);
        Assert.Equal(["APPAREL", "HOMETEX"], hang.QuerySelectorAll("[data-testid=demand] tr[data-node]").Select(r => r.GetAttribute("data-node")));
        Assert.NotNull(hang.QuerySelector("[data-testid=projects] li[data-project='JJ2026-001']"));
        var targets = hang.QuerySelectorAll("[data-testid=targets] tr[data-enterprise]");
        var target = Assert.Single(targets);
        Assert.Contains("上海瑞晟吊挂系统有限公司", target.TextContent);
        Assert.Contains("外省企业（上海市）", target.TextContent);
        var create = target.QuerySelector("a[data-testid=create-project]")!.GetAttribute("href")!;
        Assert.Equal($"/projects/create?enterpriseId={target.GetAttribute("data-enterprise")}&nodes=SEW%3AHANG", create);

        // A snapshot now, then the story's ending.
        var snapshot = await leader.SubmitAsync(page, "form[data-testid=snapshot-form]", new Dictionary<string, string>());
        Assert.Contains("已记录快照", (await leader.FollowAsync(snapshot)).QuerySelector(".alert-success")!.TextContent);
        // Staff1, the project's owner, moves it to in_production on the project page; that makes Yina local.
        using (var owner = await app.SignedInAsync("staff1@demo.local"))
        {
            var moved = await owner.PostFormAsync("/projects/JJ2026-001", "form[data-testid=move-form]", new Dictionary<string, string>
            {
                ["Move.ToStage"] = "in_production",
                ["Move.SignedOn"] = "2026-11-20",
                ["Move.ContractedInvestmentWan"] = "50000",
            });
            Assert.Equal("/projects/JJ2026-001", moved.Headers.Location?.OriginalString);
        }

        Assert.Equal("local", await app.Db.ExecuteScalarAsync<string>("SELECT Kind FROM Enterprises WHERE Uscc = '91330110MA25215KAT'"));

        var api = JsonDocument.Parse(await leader.Client.GetStringAsync("/api/chains/SEW/gaps")).RootElement;
        var after = api.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("code").GetString() == "HANG");
        Assert.Equal("covered", after.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("rank").ValueKind);
        Assert.Equal(80000m, after.GetProperty("localOutputWan").GetDecimal());
        Assert.Equal("CHIP", api.GetProperty("nodes")[0].GetProperty("code").GetString());

        var closed = await leader.PageAsync("/chains/SEW/gaps");
        Assert.Contains("智能吊挂系统", closed.QuerySelector("[data-testid=changes] [data-testid=closed]")!.TextContent);
        Assert.Equal("covered", closed.QuerySelector("[data-testid=diagram] g.chain-node[data-node=HANG]")!.GetAttribute("data-status"));
        Assert.Null(closed.QuerySelector("[data-testid=gap-table] tr[data-node=HANG]"));
    }
}
