using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Funds;

/// <summary>
/// The funds-in-place ledger through HTTP: entries added from the project page's panel, edited and deleted (after a
/// confirmation) on their pages, each change audited old → new; the panel's contracted vs in place; who may see and
/// change entries follows the project scope. The demo has entries on JJ2026-006 (staff1, 招商一科, contracted 60,000)
/// and JJ2026-004 (staff2, 招商二科).
/// </summary>
public sealed class FundsPagesTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private string Day(int fromToday) => app.Today.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task<long> EntryIdAsync(string code) =>
        app.ScalarAsync<long>("SELECT MIN(f.Id) FROM FundsInPlace f JOIN Projects p ON p.Id = f.ProjectId WHERE p.Code = @Code", new { Code = code });

    private Task<decimal> SumAsync(string code) =>
        app.ScalarAsync<decimal>("SELECT COALESCE(SUM(f.AmountWan), 0) FROM FundsInPlace f JOIN Projects p ON p.Id = f.ProjectId WHERE p.Code = @Code", new { Code = code });

    private static string Text(IDocument page, string testId) => page.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static Dictionary<string, string> Entry(string day, string amount, string kind = "domestic", string usd = "", string note = "") => new()
    {
        ["Form.ReceivedOn"] = day,
        ["Form.AmountWan"] = amount,
        ["Form.Kind"] = kind,
        ["Form.AmountUsd"] = usd,
        ["Form.Note"] = note,
    };

    [Fact]
    public async Task An_entry_added_on_the_project_page_shows_with_who_entered_it_raises_the_share_of_contracted_and_is_audited()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var before = await SumAsync("JJ2026-006");
        var project = await staff1.PageAsync("/projects/JJ2026-006");
        Assert.Contains("60,000", Text(project, "funds-contracted"));

        var response = await staff1.SubmitAsync(project, "[data-testid=funds-form]", Entry(Day(-1), "2345.5", "foreign", "3300000", "外方二期注资"));

        Assert.Equal("/projects/JJ2026-006#funds", response.Headers.Location!.OriginalString);
        var after = await staff1.FollowAsync(response);
        var id = await app.ScalarAsync<long>("SELECT Id FROM FundsInPlace WHERE Note = '外方二期注资'");
        var row = after.QuerySelector($"[data-testid=funds] tr[data-entry='{id}']")!;
        Assert.Equal("foreign", row.GetAttribute("data-kind"));
        Assert.Contains("2,345.5", row.TextContent);
        Assert.Contains("3,300,000 美元", row.TextContent);
        Assert.Contains("李招商 录入", row.TextContent);
        var total = before + 2345.5m;
        Assert.Equal(total.ToString("#,##0.##", CultureInfo.InvariantCulture), Text(after, "funds-total"));
        Assert.Equal((total * 100 / 60000m).ToString("0.#", CultureInfo.InvariantCulture) + " %", Text(after, "funds-percent"));
        var audit = JsonDocument.Parse(await app.ScalarAsync<string>(
            "SELECT Changes FROM AuditLog WHERE EntityType = 'FundsEntry' AND EntityId = @Id AND Action = 'create'", new { Id = id.ToString(CultureInfo.InvariantCulture) })).RootElement;
        Assert.Equal("JJ2026-006", audit.GetProperty("Project").GetString());
        Assert.Equal(3300000m, audit.GetProperty("Values").GetProperty("AmountUsd").GetDecimal());
    }

    [Theory]
    [InlineData("-1", "0", "domestic", "", "金额必须大于 0。")]
    [InlineData("-1", "-5", "domestic", "", "金额必须大于 0。")]
    [InlineData("+1", "100", "domestic", "", "到位日期不能晚于今天")]
    [InlineData("0202-05-01", "100", "domestic", "", "到位日期不能早于 2000-01-01")]
    [InlineData("-1", "100", "domestic", "1000", "美元金额仅适用于外资")]
    [InlineData("-1", "100.123", "domestic", "", "最多保留两位小数。")]
    [InlineData("-1", "20000000", "domestic", "", "金额不能超过 10,000,000")]
    [InlineData("-1", "一百", "domestic", "", "金额（万元）")]
    [InlineData("", "100", "domestic", "", "请填写资金到位日期。")]
    [InlineData("-1", "100", "loan", "", "资金类型“loan”无效")]
    public async Task A_bad_entry_is_refused_in_chinese_with_everything_typed_kept_and_nothing_written(string day, string amount, string kind, string usd, string message)
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var before = await app.ScalarAsync<long>("SELECT COUNT(*) FROM FundsInPlace");
        var dayValue = day.StartsWith('+') || day.StartsWith('-') ? Day(int.Parse(day, CultureInfo.InvariantCulture)) : day;

        var response = await staff1.SubmitAsync(await staff1.PageAsync("/projects/JJ2026-003"), "[data-testid=funds-form]",
            Entry(dayValue, amount, kind, usd, "备注不丢"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-testid=funds-form]")!.TextContent);
        Assert.Equal(dayValue, page.QuerySelector<IHtmlInputElement>("#Form_ReceivedOn")!.Value);
        Assert.Equal(amount, page.QuerySelector<IHtmlInputElement>("#Form_AmountWan")!.Value);
        Assert.Equal(usd, page.QuerySelector<IHtmlInputElement>("#Form_AmountUsd")!.Value);
        Assert.Equal("备注不丢", page.QuerySelector<IHtmlInputElement>("#Form_Note")!.Value);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT COUNT(*) FROM FundsInPlace"));
    }

    [Fact]
    public async Task An_edit_is_audited_old_to_new_a_second_entry_of_the_same_day_and_kind_is_refused_and_a_delete_needs_its_confirmation()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local", "en");
        var id = await EntryIdAsync("JJ2026-006");
        var edit = await staff1.PageAsync($"/projects/JJ2026-006/funds/{id}");
        var oldAmount = edit.QuerySelector<IHtmlInputElement>("#Form_AmountWan")!.Value;

        var saved = await staff1.SubmitAsync(edit, "[data-testid=funds-form]", new Dictionary<string, string> { ["Form.AmountWan"] = "12345.67" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var changes = JsonDocument.Parse(await app.ScalarAsync<string>(
            "SELECT Changes FROM AuditLog WHERE EntityType = 'FundsEntry' AND EntityId = @Id AND Action = 'update'", new { Id = id.ToString(CultureInfo.InvariantCulture) }))
            .RootElement.GetProperty("Changes");
        Assert.Equal(decimal.Parse(oldAmount, CultureInfo.InvariantCulture), changes.GetProperty("AmountWan")[0].GetDecimal());
        Assert.Equal(12345.67m, changes.GetProperty("AmountWan")[1].GetDecimal());
        Assert.False(changes.TryGetProperty("Kind", out _));

        // The same day and kind as the stored entry: refused, pointing at the entry to edit.
        var stored = await app.ScalarAsync<string>("SELECT ReceivedOn || '|' || Kind FROM FundsInPlace WHERE Id = @Id", new { Id = id });
        var duplicate = await staff1.SubmitAsync(await staff1.PageAsync("/projects/JJ2026-006"), "[data-testid=funds-form]",
            Entry(stored.Split('|')[0], "10", stored.Split('|')[1]));
        Assert.Contains("edit that entry instead", (await TestBrowser.ParseAsync(duplicate)).QuerySelector("[data-testid=funds-form]")!.TextContent);

        // Delete: the link leads to a confirmation page; only its post deletes, audited with the values.
        var project = await staff1.PageAsync("/projects/JJ2026-006");
        var link = project.QuerySelector($"[data-testid=funds] tr[data-entry='{id}'] a[data-testid=delete-funds]")!.GetAttribute("href")!;
        var confirm = await staff1.PageAsync(link);
        Assert.Contains("12,345.67", Text(confirm, "funds-entry"));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM FundsInPlace WHERE Id = @Id", new { Id = id }));
        var deleted = await staff1.SubmitAsync(confirm, "[data-testid=funds-delete-form]", new Dictionary<string, string>());
        Assert.Equal("/projects/JJ2026-006#funds", deleted.Headers.Location!.OriginalString);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM FundsInPlace WHERE Id = @Id", new { Id = id }));
        var values = JsonDocument.Parse(await app.ScalarAsync<string>(
            "SELECT Changes FROM AuditLog WHERE EntityType = 'FundsEntry' AND EntityId = @Id AND Action = 'delete'", new { Id = id.ToString(CultureInfo.InvariantCulture) }));
        Assert.Equal(12345.67m, values.RootElement.GetProperty("Values").GetProperty("AmountWan").GetDecimal());
        Assert.Equal(HttpStatusCode.NotFound, (await staff1.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Staff_of_another_team_can_neither_see_add_edit_delete_nor_export_its_entries_teammates_read_and_leaders_change()
    {
        var foreign = await EntryIdAsync("JJ2026-004"); // staff2's, 招商二科
        using var staff1 = await app.AsAsync("staff1@demo.local");
        foreach (var url in new[] { $"/projects/JJ2026-004/funds/{foreign}", $"/projects/JJ2026-004/funds/{foreign}/delete", "/projects/JJ2026-004/funds",
                     $"/projects/JJ2026-006/funds/{foreign}", $"/projects/JJ2026-006/funds/{foreign}/delete" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await staff1.GetAsync(url)).StatusCode);
        }

        var own = await staff1.PageAsync("/projects/JJ2026-006");
        var fields = TestBrowser.FormFields((IHtmlFormElement)own.QuerySelector("[data-testid=funds-form]")!);
        foreach (var url in new[] { "/projects/JJ2026-004/funds", $"/projects/JJ2026-004/funds/{foreign}", $"/projects/JJ2026-004/funds/{foreign}/delete" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await staff1.Client.PostAsync(url, new FormUrlEncodedContent(fields))).StatusCode);
        }

        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM FundsInPlace WHERE Id = @Id", new { Id = foreign }));
        foreach (var export in new[] { "/funds/export?format=csv", "/funds/export?format=csv&project=JJ2026-004" })
        {
            var csv = await (await staff1.GetAsync(export)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("JJ2026-004", csv);
        }

        Assert.Contains("JJ2026-006", await (await staff1.GetAsync("/funds/export?format=csv")).Content.ReadAsStringAsync());

        // staff1's teammate reads JJ2026-006's ledger but may not add to or change it.
        using var teammate = await app.AsAsync(ProjectsApp.Teammate);
        var shared = await teammate.PageAsync("/projects/JJ2026-006");
        Assert.NotEmpty(shared.QuerySelectorAll("[data-testid=funds] tr[data-entry]"));
        Assert.Null(shared.QuerySelector("[data-testid=funds-form]"));
        Assert.Null(shared.QuerySelector("[data-testid=delete-funds]"));
        var ownEntry = await EntryIdAsync("JJ2026-006");
        Assert.Contains("/account/accessdenied", (await teammate.GetAsync($"/projects/JJ2026-006/funds/{ownEntry}/delete")).Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);

        // Leaders see every team's ledger and add to any project.
        using var leader = await app.AsAsync("leader@demo.local");
        Assert.Contains("JJ2026-004", await (await leader.GetAsync("/funds/export?format=csv")).Content.ReadAsStringAsync());
        var added = await leader.PostFormAsync("/projects/JJ2026-004", "[data-testid=funds-form]", Entry(Day(-2), "800", note: "领导登记"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM FundsInPlace WHERE Note = '领导登记'"));
    }

    [Fact]
    public async Task The_panel_and_the_entry_pages_render_in_english()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local", "en");
        var project = await staff1.PageAsync("/projects/JJ2026-006");
        var panel = project.QuerySelector("#funds")!.TextContent;
        Assert.Contains("Funds in place", panel);
        Assert.Contains("Contracted investment", panel);
        Assert.Contains("Record funds in place", panel);
        var edit = await staff1.PageAsync("/projects/JJ2026-006/funds");
        Assert.Contains("Date received", edit.QuerySelector("[data-testid=funds-form]")!.TextContent);
        var empty = await staff1.PageAsync("/projects/JJ2026-001");
        Assert.Contains("No funds in place recorded on this project.", Text(empty, "no-funds"));
        Assert.Equal("no contracted investment", Text(empty, "funds-percent"));
    }
}
