using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Enterprises;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>The enterprise list's region choices are cached (Features/Enterprises/EnterpriseRegions): every write
/// that changes them, through the pages as a user makes it, shows on the very next list.</summary>
public sealed class EnterpriseRegionsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static List<string> Regions(IDocument list) =>
        [.. list.QuerySelectorAll("select#region option").Select(o => o.GetAttribute("value")!).Where(v => v.Length > 0)];

    [Fact]
    public async Task A_new_edited_or_deleted_enterprise_changes_the_region_choices_on_the_next_list()
    {
        using var leader = await app.SignedInAsync("leader@demo.local");
        Assert.DoesNotContain("新疆维吾尔自治区/喀什地区", Regions(await leader.PageAsync("/enterprises")));

        var created = await leader.FollowAsync(await leader.SubmitAsync(await leader.PageAsync("/enterprises/create"), "form[data-testid=enterprise-form]", new Dictionary<string, string>
        {
            ["Form.Uscc"] = UsccTestHelper.Make(9701),
            ["Form.Name"] = "喀什筛选项测试有限公司",
            ["Form.Kind"] = "prospect",
            ["Form.Province"] = "新疆维吾尔自治区",
            ["Form.City"] = "喀什地区",
        }));
        var id = created.Url.Split('/').Last();
        Assert.Contains("新疆维吾尔自治区/喀什地区", Regions(await leader.PageAsync("/enterprises")));

        await leader.FollowAsync(await leader.SubmitAsync(await leader.PageAsync($"/enterprises/{id}/edit"), "form[data-testid=enterprise-form]",
            new Dictionary<string, string> { ["Form.City"] = "和田地区" }));
        var afterEdit = Regions(await leader.PageAsync("/enterprises"));
        Assert.Contains("新疆维吾尔自治区/和田地区", afterEdit);
        Assert.DoesNotContain("新疆维吾尔自治区/喀什地区", afterEdit);

        await leader.FollowAsync(await leader.SubmitAsync(await leader.PageAsync($"/enterprises/{id}/delete"), "[data-testid=delete-form]", new Dictionary<string, string>()));
        Assert.DoesNotContain(Regions(await leader.PageAsync("/enterprises")), r => r.StartsWith("新疆维吾尔自治区", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_home_province_is_read_again_after_a_write_to_the_enterprises()
    {
        // Kept like the choices (it ranks a gap's prospects): a write that moves where most local enterprises are
        // shows on the next read, never the kept answer.
        var regions = app.Services.GetRequiredService<EnterpriseRegions>();
        var before = await regions.HomeProvinceAsync(CancellationToken.None);
        Assert.Equal("浙江省", before);
        Assert.Equal(before, await regions.HomeProvinceAsync(CancellationToken.None));

        var provinces = await app.Db.QueryAsync<(long Id, string? Province)>("SELECT Id, Province FROM Enterprises WHERE Kind = 'local'");
        await app.Db.ExecuteAsync("UPDATE Enterprises SET Province = '江苏省' WHERE Kind = 'local'");
        try
        {
            Assert.Equal("江苏省", await regions.HomeProvinceAsync(CancellationToken.None));
        }
        finally
        {
            foreach (var (id, province) in provinces)
            {
                await app.Db.ExecuteAsync("UPDATE Enterprises SET Province = @Province WHERE Id = @Id", new { Id = id, Province = province });
            }
        }

        Assert.Equal("浙江省", await regions.HomeProvinceAsync(CancellationToken.None));
    }
}
