using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Admin;

/// <summary>/admin/audit reads as words in both languages: people by name, actions and record types translated,
/// changes as "field: old → new" with ids named.</summary>
public sealed partial class AuditPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_project_edit_shows_who_by_name_and_each_change_as_old_to_new_with_names_in_chinese_and_english()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var staff1 = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'staff1@demo.local'");
        var form = await admin.PageAsync("/projects/JJ2026-004/edit");
        var saved = await admin.SubmitAsync(form, "[data-testid=project-form]", new Dictionary<string, string>
        {
            ["Form.OwnerUserId"] = staff1.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Priority"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var zh = Row(await admin.PageAsync("/admin/audit?entity=Project&entityId=JJ2026-004&culture=zh-CN"), "update");
        Assert.Equal("系统管理员", zh.QuerySelector("[data-testid=actor]")!.TextContent.Trim());
        Assert.Contains("修改", zh.TextContent, StringComparison.Ordinal);
        Assert.Contains("项目", zh.TextContent, StringComparison.Ordinal);
        var zhLines = Lines(zh);
        Assert.Contains("负责人：陈晓燕 → 李招商", zhLines);
        Assert.Contains("科室：招商二科 → 招商一科", zhLines);
        Assert.Contains(zhLines, line => line.StartsWith("优先级：", StringComparison.Ordinal) && line.EndsWith("→ 高", StringComparison.Ordinal));
        Assert.DoesNotContain("OwnerUserId", zh.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("{", zh.TextContent, StringComparison.Ordinal);

        var en = Row(await admin.PageAsync("/admin/audit?entity=Project&entityId=JJ2026-004&culture=en"), "update");
        Assert.Equal("系统管理员", en.QuerySelector("[data-testid=actor]")!.TextContent.Trim());
        Assert.Contains("Changed", en.TextContent, StringComparison.Ordinal);
        Assert.Contains("Project", en.TextContent, StringComparison.Ordinal);
        var enLines = Lines(en);
        Assert.Contains("Owner: 陈晓燕 → 李招商", enLines);
        Assert.Contains("Team: 招商二科 → 招商一科", enLines);
        Assert.Contains(enLines, line => line.StartsWith("Priority: ", StringComparison.Ordinal) && line.EndsWith("→ High", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_row_shows_a_raw_action_record_type_actor_code_or_json_in_chinese()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");

        var page = await admin.PageAsync("/admin/audit?culture=zh-CN");

        var rows = page.QuerySelectorAll("table[data-testid='audit'] tbody tr");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var cells = row.QuerySelectorAll("td");
            var action = row.GetAttribute("data-action")!;
            Assert.True(HasChinese(cells[4].TextContent), $"action '{action}' shown as '{cells[4].TextContent.Trim()}'");
            Assert.True(HasChinese(cells[2].TextContent), $"record type shown as '{cells[2].TextContent.Trim()}'");
            Assert.True(HasChinese(cells[1].TextContent), $"actor shown as '{cells[1].TextContent.Trim()}'");
            Assert.DoesNotContain("{\"", cells[5].TextContent, StringComparison.Ordinal);
            foreach (var line in Lines(row))
            {
                var field = line.Split('：')[0];
                Assert.False(CamelCase().IsMatch(field), $"{action}: field shown as '{field}' in '{line}'");
            }
        }

        // The demo loader is a word, not the code it is stored as.
        Assert.Contains(rows, r => r.QuerySelector("[data-testid=actor]")!.TextContent.Trim() == "演示数据");
    }

    [Fact]
    public async Task The_actor_filter_finds_entries_by_a_persons_name_and_leaders_are_refused()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var form = await admin.PageAsync("/projects/JJ2026-001/edit");
        await admin.SubmitAsync(form, "[data-testid=project-form]", new Dictionary<string, string> { ["Form.Description"] = "审计筛选用" });

        var page = await admin.PageAsync("/admin/audit?actor=" + Uri.EscapeDataString("系统管理员"));

        var rows = page.QuerySelectorAll("table[data-testid='audit'] tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("系统管理员", r.QuerySelector("[data-testid=actor]")!.TextContent.Trim()));
        Assert.Equal("admin@demo.local", rows[0].QuerySelector("[data-testid=actor] .person")!.GetAttribute("title"));

        using var leader = await app.SignedInAsync("leader@demo.local");
        Assert.NotEqual(HttpStatusCode.OK, (await leader.GetAsync("/admin/audit")).StatusCode);
    }

    private static IElement Row(IDocument page, string action) =>
        page.QuerySelector($"table[data-testid='audit'] tbody tr[data-action='{action}']")
        ?? throw new InvalidOperationException($"No '{action}' row on {page.Url}");

    private static List<string> Lines(IElement row) =>
        [.. row.QuerySelectorAll("[data-testid=changes] li").Select(li => Regex.Replace(li.TextContent, @"\s+", " ").Trim())];

    private static bool HasChinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    [GeneratedRegex("[a-z][A-Z]|^[A-Z][a-z]+$")]
    private static partial Regex CamelCase();
}
