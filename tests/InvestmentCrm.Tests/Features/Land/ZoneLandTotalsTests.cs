using System.Globalization;
using AngleSharp.Dom;
using Dapper;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Features.Demo;

namespace InvestmentCrm.Tests.Features.Land;

/// <summary>
/// /land/parks groups the parks by zone with a total row per zone: the sum of its parks, where a project aimed at
/// chains of two of its parks needs its land once (一区多园).
/// </summary>
public sealed class ZoneLandTotalsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static decimal Number(IElement row, string attribute) => decimal.Parse(row.GetAttribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_zones_total_is_its_parks_sum_with_each_projects_land_counted_once_in_the_zone()
    {
        using var leader = await app.SignedInAsync("leader@demo.local");
        var (zone, parkA, parkB) = await SeedTwoParkZoneAsync(leader);
        // Chain ZA is linked to both parks, ZB to park B only. Each chain's upstream link is missing (its downstream
        // link has local output and no supplier), and three active projects aim at them:
        //   X 30 亩 at ZA:UP; Y 12 亩 at ZB:UP; W 7 亩 at ZA:UP and ZB:UP.
        await SeedProjectAsync("ZN-X", 30m, ("ZA", "UP"));
        await SeedProjectAsync("ZN-Y", 12m, ("ZB", "UP"));
        await SeedProjectAsync("ZN-W", 7m, ("ZA", "UP"), ("ZB", "UP"));

        var page = await leader.PageAsync("/land/parks?year=2025");

        // By hand: park A needs X + W = 37; park B needs X + Y + W = 49; the zone X + Y + W = 49, not 37 + 49 = 86.
        Assert.Equal(37m, Number(page.QuerySelector($"tr[data-park='{parkA}']")!, "data-needed"));
        Assert.Equal(49m, Number(page.QuerySelector($"tr[data-park='{parkB}']")!, "data-needed"));
        var total = page.QuerySelector($"tr[data-zone-total='{zone}']")!;
        Assert.Equal(49m, Number(total, "data-needed"));
        Assert.Contains("测试开发区 合计", total.TextContent, StringComparison.Ordinal);
        // The zone row comes before its parks, which follow it together.
        var rows = page.QuerySelectorAll("table[data-testid=parks] tbody tr").Select(r => r.GetAttribute("data-zone-total") ?? r.GetAttribute("data-park")).ToList();
        var at = rows.IndexOf(zone);
        Assert.Equal(new[] { parkA, parkB }.Order(StringComparer.Ordinal), rows.Skip(at + 1).Take(2).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_demo_zones_land_figures_are_the_sum_of_its_parks()
    {
        using var staff = await app.SignedInAsync("staff2@demo.local");
        var zoneId = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Zones WHERE Name = @Name", new { Name = ZonesChiefsDemo.ZoneName });

        var page = await staff.PageAsync("/land/parks?year=2025");

        var total = page.QuerySelector($"tr[data-zone-total='{ZonesChiefsDemo.ZoneName}']")!;
        var parks = page.QuerySelectorAll($"tr[data-zone-id='{zoneId}']").ToList();
        Assert.True(parks.Count >= 2, "the demo's graded enterprises are in two of the zone's parks");
        Assert.Equal(parks.Sum(p => Number(p, "data-land")), Number(total, "data-land"));
        Assert.True(Number(total, "data-land") > 0);
        Assert.Equal(parks.Sum(p => Number(p, "data-freeable")), Number(total, "data-freeable"));
        // The SEW chain is linked to two of the parks: its projects count in both parks, once in the zone.
        Assert.True(Number(total, "data-needed") < parks.Sum(p => Number(p, "data-needed")));
    }

    [Fact]
    public async Task Staff_of_another_team_never_see_its_projects_in_a_zones_figures()
    {
        using var leader = await app.SignedInAsync("leader@demo.local");
        _ = await SeedTwoParkZoneAsync(leader, "SC");
        await SeedProjectAsync("SC-SECRET", 5m, ("SCA", "UP"));
        using var staff2 = await app.SignedInAsync("staff2@demo.local", culture: "en");

        var page = await staff2.PageAsync("/land/parks?year=2025");

        // staff1's project counts in the land needed, by number, never by code or title.
        Assert.DoesNotContain("SC-SECRET", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(5m, Number(page.QuerySelector("tr[data-zone-total='测试开发区SC']")!, "data-needed"));
        Assert.Contains("测试开发区SC, total", page.QuerySelector("tr[data-zone-total='测试开发区SC']")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>A zone with two parks through the pages, and two chains linked to them (ZA to both, ZB to park B).</summary>
    private async Task<(string Zone, string ParkA, string ParkB)> SeedTwoParkZoneAsync(TestBrowser leader, string suffix = "")
    {
        var zone = "测试开发区" + suffix;
        await leader.FollowAsync(await leader.PostFormAsync("/parks/zones/edit", "form[data-testid=zone-form]", new Dictionary<string, string> { ["Form.Name"] = zone, ["Form.Level"] = "municipal" }));
        var zoneId = (await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Zones WHERE Name = @Name", new { Name = zone })).ToString(CultureInfo.InvariantCulture);
        var parks = new[] { "甲园" + suffix, "乙园" + suffix };
        foreach (var park in parks)
        {
            await leader.FollowAsync(await leader.PostFormAsync("/parks/create", "form[data-testid=park-form]", new Dictionary<string, string> { ["Form.Name"] = park, ["Form.ZoneId"] = zoneId }));
        }

        var first = suffix == "" ? "ZA" : suffix + "A";
        var second = suffix == "" ? "ZB" : suffix + "B";
        await ChainAsync(first, [parks[0], parks[1]], suffix == "" ? "91330000MA2ZONE1A0" : "91330000MA2ZONE3A0");
        await ChainAsync(second, [parks[1]], suffix == "" ? "91330000MA2ZONE2B0" : "91330000MA2ZONE4B0");
        return (zone, parks[0], parks[1]);
    }

    private async Task ChainAsync(string code, string[] parks, string uscc)
    {
        var map = new ChainMap(code, "测试链" + code, null, null,
            [
                new ChainNodeSpec("UP", "上游" + code, null, Segments.Upstream, null, [], false, null),
                new ChainNodeSpec("DOWN", "下游" + code, null, Segments.Downstream, null, [], false, null),
            ],
            [new ChainEdgeSpec("UP", "DOWN", 1m)]);
        Assert.True((await app.SaveChainAsync(map)).Succeeded);
        await ChainSamples.MapEnterpriseAsync(app.Db, code, "DOWN", uscc, 5000m);
        foreach (var park in parks)
        {
            await app.Db.ExecuteAsync(
                "INSERT INTO ParkChains (ParkId, ChainId) SELECT p.Id, c.Id FROM Parks p CROSS JOIN Chains c WHERE p.Name = @Park AND c.Code = @Code",
                new { Park = park, Code = code });
        }
    }

    /// <summary>An active project of staff1's team needing <paramref name="landMu"/>, aimed at the given nodes.</summary>
    private async Task SeedProjectAsync(string code, decimal landMu, params (string Chain, string Node)[] nodes)
    {
        await using var connection = await app.Db.OpenAsync();
        var owner = await connection.QuerySingleAsync<(long Id, long? TeamId)>("SELECT Id, TeamId FROM Users WHERE Email = 'staff1@demo.local'");
        var enterprise = await connection.ExecuteScalarAsync<long>("SELECT MIN(Id) FROM Enterprises WHERE Kind = 'prospect'");
        var projectId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO Projects (Code, Title, EnterpriseId, Stage, Source, OwnerUserId, TeamId, Priority, LandMu, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Code, @Code, @Enterprise, 'negotiation', 'other', @OwnerId, @TeamId, 1, @LandMu, @Now, @Now);
            SELECT last_insert_rowid();
            """, new { Code = code, Enterprise = enterprise, OwnerId = owner.Id, owner.TeamId, LandMu = landMu, Now = DateTime.UtcNow });
        foreach (var (chain, node) in nodes)
        {
            await connection.ExecuteAsync(
                "INSERT INTO ProjectNodes (ProjectId, NodeId) SELECT @ProjectId, n.Id FROM ChainNodes n JOIN Chains c ON c.Id = n.ChainId WHERE c.Code = @Chain AND n.Code = @Node",
                new { ProjectId = projectId, Chain = chain, Node = node });
        }
    }
}
