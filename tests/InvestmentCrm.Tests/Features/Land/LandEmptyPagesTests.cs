using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Land;

/// <summary>The land pages before any record exists, in English.</summary>
public sealed class LandEmptyPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Without_records_the_pages_say_what_to_do_and_an_upload_of_unknown_enterprises_is_refused_in_english()
    {
        using var leader = await app.SignedInAsync("leader@demo.local", culture: "en");
        await app.Db.ExecuteAsync("DELETE FROM LandRecords"); // once the demo has enterprises, it loads their records

        var land = await leader.PageAsync("/land");
        var parks = await leader.PageAsync("/land/parks");
        var upload = await leader.UploadAsync("land.csv", LandSamples.Header + "\n91310110666007217T,2024,10,100,10,,,,\n91310110666007217A,2024,10,100,10,,,,\n", "/land/import");

        Assert.Contains("No land-efficiency data yet", land.QuerySelector("[data-testid=empty]")!.TextContent);
        Assert.NotNull(parks.QuerySelector("[data-testid=empty]"));
        Assert.Contains("\"land.csv\" has 2 problems; nothing was imported", upload.QuerySelector("[data-testid=problems]")!.TextContent);
        Assert.Contains("There is no enterprise with unified social credit code '91310110666007217T'", upload.QuerySelector("tr[data-line='2']")!.TextContent);
        Assert.Contains("wrong check character", upload.QuerySelector("tr[data-line='3']")!.TextContent);
        Assert.Equal(0, await ChainSamples.CountAsync(app.Db, "LandRecords"));
    }
}
