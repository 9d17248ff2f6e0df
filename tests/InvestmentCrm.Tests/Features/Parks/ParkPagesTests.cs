using System.Net;
using AngleSharp.Html.Dom;
using Dapper;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Parks;

/// <summary>/parks through HTTP on the demo data (three Jiaojiang parks).</summary>
public sealed class ParkPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Demo_parks_are_listed_with_the_sew_chain_linked()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var page = await staff.PageAsync("/parks");

        foreach (var park in InvestmentCrm.Web.Features.Demo.DemoSeeder.Parks)
        {
            Assert.NotNull(page.QuerySelector($"tr[data-park='{park.Name}']"));
        }

        Assert.NotNull(page.QuerySelector("tr[data-park='椒江智能缝制装备产业园'] a[href='/chains/SEW']"));
        Assert.Null(page.QuerySelector("a[href='/parks/create']"));
    }

    [Fact]
    public async Task Leader_creates_and_edits_a_park_and_a_duplicate_name_or_negative_area_is_refused()
    {
        using var leader = await app.SignedInAsync("leader@demo.local");

        var created = await leader.PostFormAsync("/parks/create", "form[data-testid=park-form]", new Dictionary<string, string>
        {
            ["Form.Name"] = "椒江海洋经济产业园",
            ["Form.District"] = "台州市椒江区",
            ["Form.AreaMu"] = "1200.5",
            ["Form.LeadingIndustries"] = "船舶修造；海洋装备",
        });
        var list = await leader.FollowAsync(created);
        var row = list.QuerySelector("tr[data-park='椒江海洋经济产业园']")!;
        Assert.Contains("1,200.5", row.TextContent);

        var duplicate = await leader.PostFormAsync("/parks/create", "form[data-testid=park-form]", new Dictionary<string, string> { ["Form.Name"] = "椒江海洋经济产业园" });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("已有名为“椒江海洋经济产业园”的园区", (await TestBrowser.ParseAsync(duplicate)).Body!.TextContent);

        var id = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Parks WHERE Name = @Name", new { Name = "椒江海洋经济产业园" });
        var negative = await leader.PostFormAsync($"/parks/edit/{id}", "form[data-testid=park-form]", new Dictionary<string, string> { ["Form.AreaMu"] = "-1" });
        Assert.Equal(HttpStatusCode.OK, negative.StatusCode);
        var negativePage = await TestBrowser.ParseAsync(negative);
        Assert.Equal("-1", ((IHtmlInputElement)negativePage.QuerySelector("input[name='Form.AreaMu']")!).Value);
        Assert.Equal(1200.5m, await app.Db.ExecuteScalarAsync<decimal>("SELECT AreaMu FROM Parks WHERE Id = @Id", new { Id = id }));

        await leader.FollowAsync(await leader.PostFormAsync($"/parks/edit/{id}", "form[data-testid=park-form]", new Dictionary<string, string> { ["Form.AreaMu"] = "1500" }));
        Assert.Equal(1500m, await app.Db.ExecuteScalarAsync<decimal>("SELECT AreaMu FROM Parks WHERE Id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task Deleting_a_park_with_enterprises_is_refused_and_an_empty_park_is_deleted()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var greenTown = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Parks WHERE Name = @Name", new { Name = "椒江绿色药都小镇" });
        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, ParkId, Version, CreatedAtUtc, UpdatedAtUtc)
                VALUES ('91331000MA2K00001X', '台州测试药业有限公司', '台州测试药业', 'local', @ParkId, 1, @Now, @Now)
                """,
                new { ParkId = greenTown, Now = SampleStamps.CreatedUtc });
        }

        var refused = await admin.PostFormAsync($"/parks/edit/{greenTown}", "form[data-testid=delete-park]", new Dictionary<string, string>());
        var page = await admin.FollowAsync(refused);
        Assert.Contains("不能删除", page.QuerySelector("[data-testid=error]")!.TextContent);
        Assert.Equal(1, await ChainSamples.CountAsync(app.Db, "Parks WHERE Name = '椒江绿色药都小镇'"));

        await admin.FollowAsync(await admin.PostFormAsync("/parks/create", "form[data-testid=park-form]", new Dictionary<string, string> { ["Form.Name"] = "临时园区" }));
        var temporary = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Parks WHERE Name = @Name", new { Name = "临时园区" });
        await admin.FollowAsync(await admin.PostFormAsync($"/parks/edit/{temporary}", "form[data-testid=delete-park]", new Dictionary<string, string>()));
        Assert.Equal(0, await ChainSamples.CountAsync(app.Db, "Parks WHERE Name = '临时园区'"));
    }
}
