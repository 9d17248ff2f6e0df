using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Search;

/// <summary>Search everywhere through HTTP: the top bar's form without script, the groups, bracket variants,
/// contacts (also on /enterprises), paging per group, the as-you-type fragment and bad queries.</summary>
public sealed class SearchPagesTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private static string Q(string text) => Uri.EscapeDataString(text);

    private static IReadOnlyList<string> Kinds(IDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=search-group]").Select(g => g.GetAttribute("data-kind")!)];

    private static IReadOnlyList<string> Hits(IDocument page, string kind) =>
        [.. page.QuerySelectorAll($"[data-testid=search-group][data-kind={kind}] [data-testid=search-hit]").Select(h => h.TextContent.Trim())];

    /// <summary>What a browser without script does with the top bar's form: GET its action with the fields as the query.</summary>
    private static async Task<IDocument> SubmitGetFormAsync(TestBrowser browser, IDocument page, string q)
    {
        var form = (IHtmlFormElement)page.QuerySelector("form[role=search][data-testid=top-search]")!;
        Assert.Equal("get", form.GetAttribute("method"));
        var fields = TestBrowser.FormFields(form).Where(f => f.Key != "q").Append(new("q", q));
        var query = string.Join("&", fields.Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value)));
        return await browser.PageAsync(form.GetAttribute("action") + "?" + query);
    }

    [Fact]
    public async Task The_top_bar_box_is_a_plain_get_form_named_q_that_works_without_script()
    {
        using var staff = await app.AsAsync("staff1@demo.local");
        var page = await staff.PageAsync("/projects");

        var box = page.QuerySelector("form[role=search][data-testid=top-search] input[name=q]");
        Assert.NotNull(box);
        Assert.Equal("/", box.GetAttribute("aria-keyshortcuts"));
        var results = await SubmitGetFormAsync(staff, page, "衣拿");

        Assert.Equal("/search", new Uri(results.Url).AbsolutePath);
        Assert.Contains(Hits(results, "projects"), h => h.StartsWith("JJ2026-001 ", StringComparison.Ordinal));
        Assert.Contains(Hits(results, "enterprises"), h => h.Contains("衣拿", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Results_are_grouped_by_kind_in_one_order_each_kind_with_its_own_hits()
    {
        using var staff = await app.AsAsync("staff1@demo.local", culture: "en");

        var page = await staff.PageAsync("/search?q=" + Q("吊挂"));

        Assert.Equal(["projects", "enterprises", "chains"], Kinds(page)); // no contact is called 吊挂; empty groups are not shown
        Assert.Contains(Hits(page, "projects"), h => h.StartsWith("JJ2026-001 ", StringComparison.Ordinal));
        Assert.Contains(Hits(page, "chains"), h => h.Contains("SEW:HANG", StringComparison.Ordinal));
        Assert.Equal("Chains and links", page.QuerySelector("[data-kind=chains] h2")!.TextContent);
        var link = page.QuerySelector("[data-kind=chains] a[data-testid=search-hit][href='/chains/SEW/nodes/HANG']");
        Assert.NotNull(link);
        var nothing = await staff.PageAsync("/search?q=" + Q("没有这种东西zzqx"));
        Assert.Empty(Kinds(nothing));
        Assert.Contains("Nothing found", nothing.QuerySelector("[data-testid=search-nothing]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enterprise_names_are_found_whichever_brackets_the_reader_types()
    {
        var row = EnterpriseSamples.Row(9801);
        row["name"] = "台州括号测试（集团）有限公司";
        await app.WithImporterAsync(i => i.ImportCsvAsync(EnterpriseSamples.Csv(row)));
        using var staff = await app.AsAsync("staff1@demo.local");

        foreach (var typed in new[] { "括号测试(集团)", "括号测试（集团）", "括号测试 (集团) 有限" })
        {
            var page = await staff.PageAsync("/search?q=" + Q(typed));
            Assert.Contains("台州括号测试（集团）有限公司", Hits(page, "enterprises").Single(h => h.Contains("括号", StringComparison.Ordinal)), StringComparison.Ordinal);
        }

        var byUscc = await staff.PageAsync("/search?q=" + Q(UsccTestHelper.Make(9801).ToLowerInvariant()));
        Assert.Contains(Hits(byUscc, "enterprises"), h => h.Contains("括号测试", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Contacts_are_found_by_name_phone_or_email_with_their_enterprise_and_find_it_on_the_enterprise_list()
    {
        using var staff = await app.AsAsync("staff1@demo.local");

        foreach (var typed in new[] { "郑国华", "国华", "0576-88123401", "057688123401", "88123401", "zheng.gh", "ZHENG.GH@FEIYUE" })
        {
            var page = await staff.PageAsync("/search?q=" + Q(typed));
            var hit = Assert.Single(Hits(page, "contacts"), h => h.Contains("郑国华", StringComparison.Ordinal));
            Assert.Contains("台州飞跃缝制机械股份有限公司", hit, StringComparison.Ordinal);
            Assert.Contains("0576-88123401", hit, StringComparison.Ordinal);
        }

        var list = await staff.PageAsync("/enterprises?q=" + Q("郑国华"));
        Assert.Contains("台州飞跃缝制机械股份有限公司", list.QuerySelector("main table tbody")!.TextContent, StringComparison.Ordinal);
        var byPhone = await staff.PageAsync("/enterprises?q=" + Q("0576 8812 3401"));
        Assert.Contains("台州飞跃缝制机械股份有限公司", byPhone.QuerySelector("main table tbody")!.TextContent, StringComparison.Ordinal);
        var twoDigits = await staff.PageAsync("/search?q=34");
        Assert.Empty(Hits(twoDigits, "contacts")); // phones are searched from three digits: "34" is in too many of them
    }

    [Fact]
    public async Task A_contact_added_or_renamed_is_found_at_once_and_a_deleted_one_no_more()
    {
        var row = EnterpriseSamples.Row(9802);
        row["contact_name"] = "欧阳索引";
        row["contact_email"] = "ouyang.index@example.com";
        await app.WithImporterAsync(i => i.ImportCsvAsync(EnterpriseSamples.Csv(row)));
        using var staff = await app.AsAsync("staff1@demo.local");
        Assert.Single(Hits(await staff.PageAsync("/search?q=" + Q("欧阳索引")), "contacts"));

        Assert.Single(Hits(await staff.PageAsync("/search?q=" + Q("欧阳")), "contacts")); // shorter than a trigram: the names' own index

        await app.Db.ExecuteAsync("UPDATE EnterpriseContacts SET Name = '司马索引' WHERE Name = '欧阳索引'");
        Assert.Empty(Hits(await staff.PageAsync("/search?q=" + Q("欧阳索引")), "contacts"));
        Assert.Empty(Hits(await staff.PageAsync("/search?q=" + Q("欧阳")), "contacts"));
        Assert.Single(Hits(await staff.PageAsync("/search?q=" + Q("司马索引")), "contacts"));
        Assert.Single(Hits(await staff.PageAsync("/search?q=" + Q("司马")), "contacts"));

        await app.Db.ExecuteAsync("DELETE FROM EnterpriseContacts WHERE Name = '司马索引'");
        Assert.Empty(Hits(await staff.PageAsync("/search?q=" + Q("ouyang.index")), "contacts"));
        Assert.Empty(Hits(await staff.PageAsync("/search?q=" + Q("司马")), "contacts"));
    }

    [Fact]
    public async Task Each_group_pages_on_its_own()
    {
        await app.WithImporterAsync(i => i.ImportCsvAsync(EnterpriseSamples.Csv([.. Enumerable.Range(9601, 25).Select(n => EnterpriseSamples.Row(n))])));
        using var staff = await app.AsAsync("staff1@demo.local");

        var all = await staff.PageAsync("/search?q=" + Q("台州测试智能装备"));
        Assert.Equal(20, Hits(all, "enterprises").Count);
        var more = all.QuerySelector("[data-kind=enterprises] a[data-testid=search-more]")!.GetAttribute("href")!;
        var second = await staff.PageAsync(more);

        Assert.Equal(["enterprises"], Kinds(second));
        Assert.Equal(5, Hits(second, "enterprises").Count);
        Assert.Empty(Hits(all, "enterprises").Intersect(Hits(second, "enterprises")));
        Assert.NotNull(second.QuerySelector("[data-kind=enterprises] a[rel=prev]"));
    }

    [Fact]
    public async Task Enterprises_and_contacts_are_listed_newest_first_so_a_common_character_sorts_nothing()
    {
        // Imported in this order: the name order (甲, 乙 by code point: 乙 U+4E59 < 甲 U+7532) and the order of entry differ.
        foreach (var (n, name, contact) in new[] { (9701, "台州排序乙有限公司", "排序联系人乙"), (9702, "台州排序甲有限公司", "排序联系人甲") })
        {
            var row = EnterpriseSamples.Row(n);
            row["name"] = name;
            row["contact_name"] = contact;
            await app.WithImporterAsync(i => i.ImportCsvAsync(EnterpriseSamples.Csv(row)));
        }

        using var staff = await app.AsAsync("staff1@demo.local");
        var page = await staff.PageAsync("/search?q=" + Q("排序"));
        Assert.Equal(["台州排序甲有限公司", "台州排序乙有限公司"], Hits(page, "enterprises").Select(h => h[..9]).ToList());
        Assert.Equal(["排序联系人甲", "排序联系人乙"], Hits(page, "contacts").Select(h => h[..6]).ToList());

        var fragment = await staff.PageAsync("/search/suggest?q=" + Q("排序"));
        Assert.Equal(["台州排序甲有限公司", "台州排序乙有限公司"], Hits(fragment, "enterprises").Select(h => h[..9]).ToList());
    }

    [Fact]
    public async Task A_query_of_digits_looks_for_phones_not_names()
    {
        var row = EnterpriseSamples.Row(9703);
        row["name"] = "台州号码测试有限公司"; // not one of the other tests' names: the class shares one database
        row["contact_name"] = "王5号";
        row["contact_phone"] = "13905761234";
        await app.WithImporterAsync(i => i.ImportCsvAsync(EnterpriseSamples.Csv(row)));
        using var staff = await app.AsAsync("staff1@demo.local");

        Assert.Empty(Hits(await staff.PageAsync("/search?q=5"), "contacts"));
        Assert.Single(Hits(await staff.PageAsync("/search?q=" + Q("王5")), "contacts"));
        Assert.Single(Hits(await staff.PageAsync("/search?q=0576-1234"), "contacts"));
    }

    [Fact]
    public async Task The_as_you_type_fragment_lists_a_few_hits_per_kind_and_a_link_to_all()
    {
        using var staff = await app.AsAsync("staff1@demo.local");

        var response = await staff.GetAsync("/search/suggest?q=" + Q("缝"));
        var html = await response.Content.ReadAsStringAsync();
        var fragment = await TestBrowser.ParseAsync(html, new Uri("http://localhost/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.All(Kinds(fragment), kind => Assert.InRange(Hits(fragment, kind).Count, 1, 5));
        Assert.Equal("/search?q=" + Q("缝"), fragment.QuerySelector("a[data-testid=search-all]")!.GetAttribute("href"));
        Assert.Empty((await staff.Client.GetStringAsync("/search/suggest?q=")).Trim());
    }

    [Fact]
    public async Task A_query_too_long_or_a_bad_page_is_refused_with_a_message_and_no_search()
    {
        using var staff = await app.AsAsync("staff1@demo.local");

        var tooLong = await staff.PageAsync("/search?q=" + new string('企', 101));
        Assert.Contains("最多 100 个字符", tooLong.QuerySelector("[data-testid=search-problem]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(Kinds(tooLong));
        Assert.Equal(new string('企', 101), ((IHtmlInputElement)tooLong.QuerySelector("#search-page-q")!).Value); // the text is kept
        var badPage = await staff.PageAsync("/search?q=JJ&kind=projects&p=999");
        Assert.NotNull(badPage.QuerySelector("[data-testid=search-problem]"));
        var fragment = await staff.Client.GetStringAsync("/search/suggest?q=" + new string('企', 101));
        Assert.Contains("最多 100 个字符", fragment, StringComparison.Ordinal);
        using var anonymous = app.NewCookielessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/search/suggest?q=JJ")).StatusCode);
    }
}
