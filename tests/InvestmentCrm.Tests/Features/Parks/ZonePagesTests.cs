using System.Net;
using Dapper;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;

namespace InvestmentCrm.Tests.Features.Parks;

/// <summary>Zones of parks (一区多园) through HTTP: the zone pages, a park's zone on its form and the grouped park list.</summary>
public sealed class ZonePagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_demo_zone_holds_the_demo_parks_and_the_park_list_groups_them_under_it()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var zones = await staff.PageAsync("/parks/zones");
        var row = zones.QuerySelector($"tr[data-zone='{ZonesChiefsDemo.ZoneName}']")!;
        Assert.Contains("省级", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(DemoSeeder.Parks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), row.QuerySelectorAll("td")[3].TextContent.Trim());
        Assert.Null(zones.QuerySelector("a[href='/parks/zones/edit']"));

        var parks = await staff.PageAsync("/parks");
        var group = parks.QuerySelector($"tr[data-zone-group='{ZonesChiefsDemo.ZoneName}']")!;
        Assert.Contains(ZonesChiefsDemo.ZoneName, group.TextContent, StringComparison.Ordinal);
        foreach (var park in DemoSeeder.Parks)
        {
            Assert.Equal(ZonesChiefsDemo.ZoneName, parks.QuerySelector($"tr[data-park='{park.Name}']")!.GetAttribute("data-zone"));
        }

        var denied = await staff.GetAsync("/parks/zones/edit");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/accessdenied", denied.Headers.Location!.IsAbsoluteUri ? denied.Headers.Location.PathAndQuery : denied.Headers.Location.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Leader_creates_a_zone_puts_a_park_in_it_and_every_change_is_audited_and_bad_input_is_refused()
    {
        using var leader = await app.SignedInAsync("leader@demo.local");
        // SQLite may give a deleted zone's id to a new one: only this test's audit rows are read.
        var auditFrom = await app.Db.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(Id), 0) FROM AuditLog");

        await leader.FollowAsync(await leader.PostFormAsync("/parks/zones/edit", "form[data-testid=zone-form]", new Dictionary<string, string>
        {
            ["Form.Name"] = "台州高新技术产业开发区",
            ["Form.Level"] = "national",
            ["Form.AreaKm2"] = "12.5",
        }));
        var zoneId = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Zones WHERE Name = '台州高新技术产业开发区'");

        // A level that is not one of the three, a duplicate name, a negative area: refused, the typed text kept.
        var badLevel = await leader.PostFormAsync($"/parks/zones/edit/{zoneId}", "form[data-testid=zone-form]", new Dictionary<string, string> { ["Form.Level"] = "county", ["Form.Name"] = "改过的名字" });
        Assert.Equal(HttpStatusCode.OK, badLevel.StatusCode);
        var badPage = await TestBrowser.ParseAsync(badLevel);
        Assert.True(badPage.Body!.TextContent.Contains("请选择国家级、省级或市级。", StringComparison.Ordinal), badPage.QuerySelector("form[data-testid=zone-form]")!.OuterHtml);
        Assert.Equal("改过的名字", badPage.QuerySelector("input[name='Form.Name']")!.GetAttribute("value"));
        var duplicate = await TestBrowser.ParseAsync(await leader.PostFormAsync("/parks/zones/edit", "form[data-testid=zone-form]", new Dictionary<string, string> { ["Form.Name"] = ZonesChiefsDemo.ZoneName }));
        Assert.Contains($"已有名为“{ZonesChiefsDemo.ZoneName}”的开发区。", duplicate.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("national", await app.Db.ExecuteScalarAsync<string>("SELECT Level FROM Zones WHERE Id = @Id", new { Id = zoneId }));

        await leader.FollowAsync(await leader.PostFormAsync($"/parks/zones/edit/{zoneId}", "form[data-testid=zone-form]", new Dictionary<string, string> { ["Form.Level"] = "provincial" }));
        await leader.FollowAsync(await leader.PostFormAsync("/parks/create", "form[data-testid=park-form]", new Dictionary<string, string>
        {
            ["Form.Name"] = "台州高新区智能制造园",
            ["Form.ZoneId"] = zoneId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var parkId = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Parks WHERE Name = '台州高新区智能制造园'");
        Assert.Equal(zoneId, await app.Db.ExecuteScalarAsync<long?>("SELECT ZoneId FROM Parks WHERE Id = @Id", new { Id = parkId }));

        // A zone that does not exist (a forged post): refused, the park keeps its zone.
        var forged = await leader.PostFormAsync($"/parks/edit/{parkId}", "form[data-testid=park-form]", new Dictionary<string, string> { ["Form.ZoneId"] = "987654" });
        Assert.Contains("所选开发区不存在", (await TestBrowser.ParseAsync(forged)).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(zoneId, await app.Db.ExecuteScalarAsync<long?>("SELECT ZoneId FROM Parks WHERE Id = @Id", new { Id = parkId }));

        var audit = (await app.Db.QueryAsync<(string EntityType, string Action, string? Changes)>(
            "SELECT EntityType, Action, Changes FROM AuditLog WHERE Id > @From AND ((EntityType = 'Zone' AND EntityId = @Zone) OR (EntityType = 'Park' AND EntityId = @Park)) ORDER BY Id",
            new { From = auditFrom, Zone = zoneId.ToString(System.Globalization.CultureInfo.InvariantCulture), Park = parkId.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ToList();
        Assert.Equal(["Zone:create", "Zone:update", "Park:create"], audit.Select(a => a.EntityType + ":" + a.Action));
        Assert.Contains("\"Level\":[\"national\",\"provincial\"]", audit[1].Changes, StringComparison.Ordinal);
        Assert.Contains($"\"ZoneId\":{zoneId}", audit[2].Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zone_with_parks_is_not_deleted_and_an_empty_one_is_after_confirmation()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var demoZone = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Zones WHERE Name = @Name", new { Name = ZonesChiefsDemo.ZoneName });

        var page = await admin.PageAsync($"/parks/zones/edit/{demoZone}");
        Assert.Null(page.QuerySelector("form[data-testid=delete-zone]"));
        Assert.NotNull(page.QuerySelector("[data-testid=delete-blocked]"));
        // Posted anyway (another tab, a script): refused.
        var refused = await admin.FollowAsync(await admin.Client.PostAsync($"/parks/zones/edit/{demoZone}?handler=delete",
            new FormUrlEncodedContent([new("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)])));
        Assert.Contains("还有园区，不能删除", refused.QuerySelector("[data-testid=error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await ChainSamples.CountAsync(app.Db, $"Zones WHERE Id = {demoZone}"));

        await admin.FollowAsync(await admin.PostFormAsync("/parks/zones/edit", "form[data-testid=zone-form]", new Dictionary<string, string> { ["Form.Name"] = "临时开发区", ["Form.Level"] = "municipal" }));
        var empty = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Zones WHERE Name = '临时开发区'");
        var confirm = (await admin.PageAsync($"/parks/zones/edit/{empty}")).QuerySelector("form[data-testid=delete-zone]")!;
        Assert.Equal("确定删除开发区“临时开发区”吗？", confirm.GetAttribute("data-confirm"));
        await admin.FollowAsync(await admin.PostFormAsync($"/parks/zones/edit/{empty}", "form[data-testid=delete-zone]", new Dictionary<string, string>()));
        Assert.Equal(0, await ChainSamples.CountAsync(app.Db, $"Zones WHERE Id = {empty}"));
        Assert.Equal(1, await ChainSamples.CountAsync(app.Db, $"AuditLog WHERE EntityType = 'Zone' AND Action = 'delete' AND EntityId = '{empty}'"));
    }

    [Fact]
    public async Task The_zone_pages_speak_english()
    {
        using var leader = await app.SignedInAsync("leader@demo.local", culture: "en");

        var zones = await leader.PageAsync("/parks/zones");
        Assert.Equal("Zones", zones.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Provincial", zones.QuerySelector($"tr[data-zone='{ZonesChiefsDemo.ZoneName}']")!.TextContent, StringComparison.Ordinal);
        var form = await leader.PageAsync("/parks/zones/edit");
        Assert.Contains("Area (km²)", form.Body!.TextContent, StringComparison.Ordinal);
        var refused = await TestBrowser.ParseAsync(await leader.PostFormAsync("/parks/zones/edit", "form[data-testid=zone-form]", new Dictionary<string, string> { ["Form.Level"] = "county" }));
        Assert.Contains("Choose national, provincial or municipal.", refused.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("In no zone", (await leader.PageAsync("/parks/create")).Body!.TextContent, StringComparison.Ordinal);
    }
}
