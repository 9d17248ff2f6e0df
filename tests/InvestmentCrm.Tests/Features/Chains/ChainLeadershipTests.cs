using System.Net;
using Dapper;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Admin.Users;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Chains;

/// <summary>Chain chiefs (链长) and leading enterprises (链主企业) on the chain edit page, the chain page and the gap pages.</summary>
public sealed class ChainLeadershipTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Feiyue = "台州飞跃缝制机械股份有限公司";

    private async Task<long> UserIdAsync(string email) =>
        await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE NormalizedEmail = @Email", new { Email = email.ToUpperInvariant() });

    private async Task<long?> ChiefAsync() => await app.Db.ExecuteScalarAsync<long?>("SELECT ChiefUserId FROM Chains WHERE Code = 'SEW'");

    [Fact]
    public async Task The_demo_chain_shows_its_chief_and_leading_enterprises_on_the_chain_and_gap_pages()
    {
        using var staff = await app.SignedInAsync("staff2@demo.local");

        foreach (var url in new[] { "/chains/SEW", "/chains/SEW/gaps", "/chains/SEW/gaps/HANG" })
        {
            var page = await staff.PageAsync(url);
            Assert.Equal("王建国", page.QuerySelector("[data-testid=chain-chief]")!.TextContent.Trim());
            var leading = page.QuerySelectorAll("[data-testid=leading-enterprises] a[data-leading]").Select(a => a.TextContent.Trim()).ToList();
            Assert.Contains(Feiyue, leading);
            Assert.Contains("浙江中捷缝纫科技有限公司", leading);
        }

        using var english = await app.SignedInAsync("staff2@demo.local", culture: "en");
        var chain = await english.PageAsync("/chains/SEW");
        Assert.Contains("Chain chief", chain.QuerySelector("[data-testid=chain-leaders]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("staff1@demo.local", "zh-CN", "链长须为具有“领导”角色的在职用户，请重新选择。")]
    [InlineData("admin@demo.local", "en", "The chain chief must be an active user with the Leader role; choose again.")]
    public async Task A_chief_who_is_not_a_leader_is_refused_and_nothing_changes(string chiefEmail, string culture, string message)
    {
        using var leader = await app.SignedInAsync("leader@demo.local", culture: culture);
        var before = await ChiefAsync();
        var name = await app.Db.ExecuteScalarAsync<string>("SELECT Name FROM Chains WHERE Code = 'SEW'");
        var staffId = await UserIdAsync(chiefEmail);

        // The list offers Leaders only; a forged post names someone else.
        var form = await leader.PageAsync("/chains/SEW/edit");
        Assert.Null(form.QuerySelector($"select[name='Form.ChiefUserId'] option[value='{staffId}']"));
        var response = await leader.SubmitAsync(form, "form[data-testid=chain-form]", new Dictionary<string, string>
        {
            ["Form.ChiefUserId"] = staffId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Name"] = "改名的缝制设备产业链",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains(message, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("改名的缝制设备产业链", page.QuerySelector("input[name='Form.Name']")!.GetAttribute("value"));
        Assert.Equal(before, await ChiefAsync());
        Assert.Equal(name, await app.Db.ExecuteScalarAsync<string>("SELECT Name FROM Chains WHERE Code = 'SEW'"));
    }

    [Fact]
    public async Task A_leader_is_made_chief_and_leading_enterprises_are_typed_by_credit_code_all_audited()
    {
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync("leader2@demo.local", "赵副局长", DemoSeeder.Password, Roles.Leader, null);
        }

        var chiefId = await UserIdAsync("leader2@demo.local");
        using var leader = await app.SignedInAsync("leader@demo.local");
        var form = await leader.PageAsync("/chains/SEW/edit");
        Assert.NotNull(form.QuerySelector($"select[name='Form.ChiefUserId'] option[value='{chiefId}']"));
        Assert.NotNull(form.QuerySelector($"[data-testid=enterprise-choices] input[name='Form.LeadingEnterpriseIds'][checked]"));

        // An unknown credit code: refused with the text kept, nothing saved.
        var unknown = await TestBrowser.ParseAsync(await leader.SubmitAsync(form, "form[data-testid=chain-form]", new Dictionary<string, string>
        {
            ["Form.ChiefUserId"] = chiefId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.AddLeading"] = "91330000MA2NOPE000",
        }));
        Assert.Contains("找不到唯一对应的企业：91330000MA2NOPE000", unknown.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("91330000MA2NOPE000", unknown.QuerySelector("input[name='Form.AddLeading']")!.GetAttribute("value"));
        Assert.NotEqual(chiefId, await ChiefAsync());

        // 宝石 typed by its credit code joins the two ticked ones.
        var saved = await leader.SubmitAsync(await leader.PageAsync("/chains/SEW/edit"), "form[data-testid=chain-form]", new Dictionary<string, string>
        {
            ["Form.ChiefUserId"] = chiefId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.AddLeading"] = "91331002MA2ER03KCC",
        });
        var chain = await leader.FollowAsync(saved);
        Assert.Equal("赵副局长", chain.QuerySelector("[data-testid=chain-chief]")!.TextContent.Trim());
        Assert.Contains("浙江宝石缝纫机股份有限公司", chain.QuerySelector("[data-testid=leading-enterprises]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(chiefId, await ChiefAsync());
        Assert.Equal(3, await ChainSamples.CountAsync(app.Db, "ChainLeadingEnterprises le JOIN Chains c ON c.Id = le.ChainId WHERE c.Code = 'SEW'"));

        var audit = await app.Db.QueryAsync<string>("SELECT Changes FROM AuditLog WHERE EntityType = 'Chain' AND Action = 'leadership' ORDER BY Id");
        var demoChief = await UserIdAsync("leader@demo.local");
        Assert.Contains(audit, a => a!.Contains($"\"Chief\":[{demoChief},{chiefId}]", StringComparison.Ordinal));

        // Back to the demo's chief for the other tests of this class (they share the database).
        await leader.FollowAsync(await leader.PostFormAsync("/chains/SEW/edit", "form[data-testid=chain-form]", new Dictionary<string, string>
        {
            ["Form.ChiefUserId"] = (await UserIdAsync("leader@demo.local")).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.Equal(await UserIdAsync("leader@demo.local"), await ChiefAsync());
    }
}
