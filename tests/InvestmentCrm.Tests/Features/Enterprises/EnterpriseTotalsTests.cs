using System.Globalization;
using System.Text.RegularExpressions;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>
/// The list's total is kept per filter with the data versions of what it counts (EnterpriseTotals): a write by any
/// path, here raw statements as another node would run them, shows in the next view's total; a search and a
/// qualification filter are counted at every view.
/// </summary>
public sealed partial class EnterpriseTotalsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/enterprises")]
    [InlineData("/enterprises?kind=local")]
    [InlineData("/enterprises?region=浙江省")]
    [InlineData("/enterprises?node=SEW")]
    public async Task A_kept_total_follows_every_write_to_what_it_counts(string list)
    {
        using var staff = await app.SignedInAsync("staff1@demo.local", culture: "en");
        var expected = await TotalAsync(staff, list);
        Assert.Equal(expected, await TotalAsync(staff, list));

        // An enterprise that matches every one of those filters, written outside the app's code.
        var id = await app.Db.ExecuteScalarAsync<long>("""
            INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, Province, City, CreatedAtUtc, UpdatedAtUtc)
            VALUES ('91331000MATOTAL01X', '合计测试企业', '合计测试企业', 'local', '浙江省', '台州市', '2026-01-01', '2026-01-01')
            RETURNING Id
            """);
        await app.Db.ExecuteAsync("""
            INSERT INTO EnterpriseNodes (EnterpriseId, NodeId)
            SELECT @Id, n.Id FROM ChainNodes n JOIN Chains c ON c.Id = n.ChainId WHERE c.Code = 'SEW' ORDER BY n.Id LIMIT 1
            """, new { Id = id });
        Assert.Equal(expected + 1, await TotalAsync(staff, list));

        await app.Db.ExecuteAsync("DELETE FROM Enterprises WHERE Id = @Id", new { Id = id });
        Assert.Equal(expected, await TotalAsync(staff, list));
    }

    [Fact]
    public async Task A_qualification_filter_is_counted_at_every_view()
    {
        // EnterpriseQualifications has no data version: a kept total could not see this write.
        using var staff = await app.SignedInAsync("staff1@demo.local", culture: "en");
        var before = await TotalAsync(staff, "/enterprises?qualification=high_tech");
        var id = await app.Db.ExecuteScalarAsync<long>("""
            SELECT e.Id FROM Enterprises e
            WHERE NOT EXISTS (SELECT 1 FROM EnterpriseQualifications q WHERE q.EnterpriseId = e.Id AND q.Qualification = 'high_tech')
            ORDER BY e.Id LIMIT 1
            """);

        await app.Db.ExecuteAsync("INSERT INTO EnterpriseQualifications (EnterpriseId, Qualification) VALUES (@Id, 'high_tech')", new { Id = id });

        Assert.Equal(before + 1, await TotalAsync(staff, "/enterprises?qualification=high_tech"));
        await app.Db.ExecuteAsync("DELETE FROM EnterpriseQualifications WHERE EnterpriseId = @Id AND Qualification = 'high_tech'", new { Id = id });
    }

    private static async Task<long> TotalAsync(TestBrowser browser, string list)
    {
        var page = await browser.PageAsync(list);
        var pager = page.QuerySelector("nav[aria-label^='Page ']")?.GetAttribute("aria-label");
        Assert.NotNull(pager);
        return long.Parse(Total().Match(pager).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@", ([\d,]+) in total$")]
    private static partial Regex Total();
}
