using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Land;

/// <summary>/land/settings: an Admin changes weights, cap and shares; bad input is refused with the input kept.</summary>
public sealed class LandSettingsPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Form = "form[data-testid=settings-form]";

    private static decimal Number(string text) => decimal.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Weights_not_adding_up_to_1_or_shares_not_to_100_are_refused_and_the_input_is_kept()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");

        var response = await admin.PostFormAsync("/land/settings", Form, new Dictionary<string, string>
        {
            ["Form.WeightTax"] = "0.9", ["Form.WeightOutput"] = "0.3", ["Form.WeightLabour"] = "0.1", ["Form.WeightRd"] = "0.1", ["Form.WeightEnergy"] = "0.1",
            ["Form.ShareAPercent"] = "20", ["Form.ShareBPercent"] = "50", ["Form.ShareCPercent"] = "20", ["Form.ShareDPercent"] = "9",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        var errors = page.QuerySelector("[data-testid=summary-errors]")!.TextContent;
        Assert.Contains("五项指标权重合计必须等于 1", errors);
        Assert.Contains("合计必须等于 100%", errors);
        Assert.Equal("0.9", ((IHtmlInputElement)page.QuerySelector("input[name='Form.WeightTax']")!).Value);
        Assert.Equal("9", ((IHtmlInputElement)page.QuerySelector("input[name='Form.ShareDPercent']")!).Value);
        Assert.NotEqual(0.9m, await app.Db.ExecuteScalarAsync<decimal>("SELECT WeightTax FROM LandGradingSettings"));

        var english = await (await app.SignedInAsync("admin@demo.local", culture: "en")).PostFormAsync("/land/settings", Form, new Dictionary<string, string> { ["Form.RatioCap"] = "0.5", ["Form.WeightRd"] = "" });
        var englishPage = await TestBrowser.ParseAsync(english);
        Assert.Contains("The ratio cap must be between 1 and 10.", englishPage.QuerySelector("[data-error-for=RatioCap]")!.TextContent);
        Assert.NotNull(englishPage.QuerySelector("[data-error-for=WeightRd]"));
    }

    [Fact]
    public async Task Saved_settings_regrade_the_year_and_counting_c_land_as_freeable_shows_on_the_park_view()
    {
        using (app.CreateClient())
        {
            await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        }

        using var admin = await app.SignedInAsync("admin@demo.local");
        // The class shares one app: another test may have saved settings before this one.
        var auditedBefore = await ChainSamples.CountAsync(app.Db, "AuditLog WHERE EntityType = 'LandGradingSettings'");
        var saved = await admin.PostFormAsync("/land/settings", Form, new Dictionary<string, string>
        {
            ["Form.WeightTax"] = "0.5",
            ["Form.WeightOutput"] = "0.2",
            ["Form.RatioCap"] = "2",
            ["Form.ShareAPercent"] = "10",
            ["Form.ShareBPercent"] = "60",
            ["Form.FreeableIncludesC"] = "true",
        });
        var land = await admin.FollowAsync(saved);

        Assert.Equal("0.5", land.QuerySelector("[data-testid=land-settings] [data-weight=tax]")!.TextContent.Trim());
        Assert.Equal("2", land.QuerySelector("[data-testid=land-settings] [data-testid=cap]")!.TextContent.Trim());
        // 14 enterprises with A 10 %: (position − 1) < 1.4 → two A
        Assert.Equal(2, land.QuerySelectorAll("table[data-testid=graded] tbody tr[data-grade=A]").Length);
        Assert.Equal(auditedBefore + 1, await ChainSamples.CountAsync(app.Db, "AuditLog WHERE EntityType = 'LandGradingSettings'"));

        var parks = await admin.PageAsync("/land/parks?year=2025");
        foreach (var row in parks.QuerySelectorAll("table[data-testid=parks] tbody tr"))
        {
            Assert.Equal(
                Number(row.QuerySelector("[data-col=land-C]")!.TextContent) + Number(row.QuerySelector("[data-col=land-D]")!.TextContent),
                Number(row.QuerySelector("[data-col=freeable]")!.TextContent));
        }
    }

    [Fact]
    public async Task A_form_saved_meanwhile_by_someone_else_is_refused()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var stale = await admin.PageAsync("/land/settings");
        await admin.FollowAsync(await admin.PostFormAsync("/land/settings", Form, new Dictionary<string, string> { ["Form.RatioCap"] = "2.5" }));

        var response = await admin.SubmitAsync(stale, Form, new Dictionary<string, string> { ["Form.RatioCap"] = "4" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains("已被他人修改", page.QuerySelector("[data-testid=summary-errors]")!.TextContent);
        Assert.Equal("4", ((IHtmlInputElement)page.QuerySelector("input[name='Form.RatioCap']")!).Value);
        Assert.Equal(2.5m, await app.Db.ExecuteScalarAsync<decimal>("SELECT RatioCap FROM LandGradingSettings"));
    }
}
