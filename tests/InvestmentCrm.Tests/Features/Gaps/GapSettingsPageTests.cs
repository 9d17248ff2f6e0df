using System.Text.Json;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Gaps;

/// <summary>/admin/gaps: Admins set the weights and stage probabilities; bad values are refused with reasons.</summary>
public sealed class GapSettingsPageTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        _ = app.Services;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> StoredAsync() =>
        await app.Db.QuerySingleOrDefaultAsync<string>("SELECT CAST(Version AS TEXT) || '|' || CAST(WeightDemand AS TEXT) || '|' || CAST(WeightKey AS TEXT) FROM GapSettings") ?? "none";

    [Fact]
    public async Task Bad_values_are_refused_with_reasons_keep_what_was_typed_and_change_nothing()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var before = await StoredAsync();

        var response = await admin.PostFormAsync("/admin/gaps", "form[data-testid=settings-form]", new Dictionary<string, string>
        {
            ["Form.WeightDemand"] = "1.5",
            ["Form.Signed"] = "0.3",
            ["Form.StrategicIndustryCodes"] = "C35; x1",
        });
        var page = await TestBrowser.ParseAsync(response);

        Assert.Contains("权重必须在 0 到 1 之间", page.QuerySelector("[data-valmsg-for='Form.WeightDemand']")!.TextContent);
        Assert.Contains("不能低于前一阶段“深度洽谈”的概率", page.QuerySelector("[data-valmsg-for='Form.Signed']")!.TextContent);
        Assert.Contains("“X1”不是行业代码", page.QuerySelector("[data-valmsg-for='Form.StrategicIndustryCodes']")!.TextContent);
        Assert.Equal("1.5", page.QuerySelector("input[name='Form.WeightDemand']")!.GetAttribute("value"));
        Assert.Equal(before, await StoredAsync());

        var notANumber = await TestBrowser.ParseAsync(await admin.PostFormAsync("/admin/gaps", "form[data-testid=settings-form]", new Dictionary<string, string> { ["Form.Lead"] = "abc" }));
        Assert.False(string.IsNullOrWhiteSpace(notANumber.QuerySelector("[data-valmsg-for='Form.Lead']")!.TextContent));
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task Saved_settings_rescore_the_gaps_and_are_audited()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");

        var saved = await admin.PostFormAsync("/admin/gaps", "form[data-testid=settings-form]", new Dictionary<string, string>
        {
            ["Form.WeightDemand"] = "0.2",
            ["Form.WeightSupply"] = "0",
            ["Form.WeightKey"] = "0.8",
        });
        var page = await admin.FollowAsync(saved);
        Assert.Contains("设置已保存", page.QuerySelector("[data-testid=flash]")!.TextContent);
        Assert.Equal("0.2", page.QuerySelector("input[name='Form.WeightDemand']")!.GetAttribute("value"));

        // HANG: (0.2 × 1 (the largest unmet demand) + 0.8 × 1 (key link)) × (1 − 0.25) = 0.75.
        var json = JsonDocument.Parse(await admin.Client.GetStringAsync("/api/chains/SEW/gaps")).RootElement;
        var top = json.GetProperty("nodes")[0];
        Assert.Equal("HANG", top.GetProperty("code").GetString());
        Assert.Equal(0.75m, top.GetProperty("score").GetDecimal());
        Assert.Equal(1L, await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'GapSettings'"));
        Assert.Equal("1|0.2|0.8", await StoredAsync());

        var chainPage = await admin.PageAsync("/chains/SEW/gaps");
        Assert.Contains("关键环节 0.8", chainPage.QuerySelector("[data-testid=settings]")!.TextContent);
    }
}
