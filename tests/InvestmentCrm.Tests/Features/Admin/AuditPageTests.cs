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

        await AssertEditShownAsync(admin, "zh-CN", "修改", "项目", "负责人：陈晓燕 → 李招商", "科室：招商二科 → 招商一科", "优先级：", "→ 高");
        await AssertEditShownAsync(admin, "en", "Changed", "Project", "Owner: 陈晓燕 → 李招商", "Team: 招商二科 → 招商一科", "Priority: ", "→ High");
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

    /// <summary>The admin's edit of JJ2026-004 in <paramref name="culture"/>: who by name, the action and the record
    /// type in words, and each change as "field: old → new" with people and teams named.</summary>
    private static async Task AssertEditShownAsync(TestBrowser admin, string culture, string action, string type, string owner, string team,
        string priorityField, string priorityNew)
    {
        var row = Row(await admin.PageAsync("/admin/audit?entity=Project&entityId=JJ2026-004&culture=" + culture), "update");
        Assert.Equal("系统管理员", row.QuerySelector("[data-testid=actor]")!.TextContent.Trim());
        Assert.Contains(action, row.TextContent, StringComparison.Ordinal);
        Assert.Contains(type, row.TextContent, StringComparison.Ordinal);
        var lines = Lines(row);
        Assert.Contains(owner, lines);
        Assert.Contains(team, lines);
        Assert.Contains(lines, line => line.StartsWith(priorityField, StringComparison.Ordinal) && line.EndsWith(priorityNew, StringComparison.Ordinal));
        Assert.DoesNotContain("OwnerUserId", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("{", row.TextContent, StringComparison.Ordinal);
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
