using AngleSharp.Dom;
using Dapper;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>
/// The trigram index behind the enterprise search (migration 0019) is kept by triggers: every way an enterprise is
/// written — the create and edit forms, the importer, seed-bulk, deleting — is searchable at once, and the index finds
/// exactly what a scan of the table finds, for queries of one, two and more characters.
/// </summary>
public sealed class EnterpriseSearchIndexTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<IElement?> FindAsync(TestBrowser browser, string query, string uscc) =>
        (await browser.PageAsync("/enterprises?q=" + Uri.EscapeDataString(query))).QuerySelector($"tr[data-uscc='{uscc}']");

    [Fact]
    public async Task Search_finds_an_enterprise_right_after_the_form_creates_and_edits_it_and_not_after_it_is_deleted()
    {
        using var leader = await app.SignedInAsync("leader@demo.local");
        var uscc = UsccTestHelper.Make(9301);
        var create = await leader.PageAsync("/enterprises/create");
        var created = await leader.FollowAsync(await leader.SubmitAsync(create, "form[data-testid=enterprise-form]", new Dictionary<string, string>
        {
            ["Form.Uscc"] = uscc,
            ["Form.Name"] = "宁波犇彧 精密科技有限公司",
            ["Form.Kind"] = "prospect",
            ["Form.MainProducts"] = "钛合金骨钉",
        }));
        var id = await EnterpriseSamples.IdOfAsync(app.Db, uscc);
        Assert.True(id > 0, created.QuerySelector(".alert-danger")?.TextContent);

        Assert.NotNull(await FindAsync(leader, "犇彧精密", uscc)); // the name without its space, as a key
        Assert.NotNull(await FindAsync(leader, "犇彧", uscc)); // two characters: shorter than a trigram
        Assert.NotNull(await FindAsync(leader, "骨钉", uscc));
        Assert.NotNull(await FindAsync(leader, "钛合金骨", uscc));

        var edit = await leader.PageAsync($"/enterprises/{id}/edit");
        await leader.FollowAsync(await leader.SubmitAsync(edit, "form[data-testid=enterprise-form]", new Dictionary<string, string>
        {
            ["Form.Name"] = "宁波翯翀医疗器械有限公司",
            ["Form.MainProducts"] = "可吸收缝合线",
        }));

        Assert.NotNull(await FindAsync(leader, "翯翀", uscc));
        Assert.NotNull(await FindAsync(leader, "吸收缝合", uscc));
        Assert.Null(await FindAsync(leader, "犇彧", uscc));
        Assert.Null(await FindAsync(leader, "骨钉", uscc));

        var page = await leader.PageAsync($"/enterprises/{id}/delete");
        await leader.FollowAsync(await leader.SubmitAsync(page, "[data-testid=delete-form]", new Dictionary<string, string>()));
        Assert.Null(await FindAsync(leader, "翯翀", uscc));
        Assert.Equal(0L, await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM EnterpriseSearch WHERE rowid = @Id", new { Id = id }));
    }

    [Fact]
    public async Task Search_finds_what_the_importer_creates_and_updates()
    {
        var row = EnterpriseSamples.Row(9302).With(("name", "温州鸑鷟电气有限公司"), ("main_products", "真空断路器"));
        await app.WithImporterAsync(i => i.ImportCsvAsync(EnterpriseSamples.Csv(row)));
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var uscc = row["uscc"];

        Assert.NotNull(await FindAsync(staff, "鸑鷟", uscc));
        Assert.NotNull(await FindAsync(staff, "断路", uscc));

        await app.WithImporterAsync(i => i.ImportCsvAsync(EnterpriseSamples.Csv(row.With(("name", "温州龘靐电气有限公司"), ("main_products", "智能电表")))));

        Assert.NotNull(await FindAsync(staff, "龘靐电气", uscc));
        Assert.NotNull(await FindAsync(staff, "智能电表", uscc));
        Assert.Null(await FindAsync(staff, "鸑鷟", uscc));
        Assert.Null(await FindAsync(staff, "真空断路器", uscc));
    }

    [Fact]
    public async Task The_index_finds_exactly_what_a_scan_finds_after_seed_bulk_for_queries_of_every_length()
    {
        var seeded = await Support.Cli.RunAsync(app.DatabasePath, "seed-bulk", "--enterprises", "300");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var samples = await app.Db.QueryAsync<(string NameKey, string? MainProducts)>(
            "SELECT NameKey, MainProducts FROM Enterprises ORDER BY Id DESC LIMIT 12");
        var queries = new List<string> { "zzqx", "a", "有限", "科技", "9133", "(", "%", "\"" };
        foreach (var (nameKey, products) in samples)
        {
            queries.AddRange([nameKey[..1], nameKey.Substring(2, 2), nameKey.Substring(1, 3), nameKey[^5..]]);
            if (products is { Length: >= 4 })
            {
                queries.AddRange([products.Substring(1, 2), products[..4]]);
            }
        }

        await using var connection = await app.Db.OpenAsync();
        var found = 0;
        foreach (var query in queries.Distinct())
        {
            var search = EnterpriseSearch.For(query)!;
            var byIndex = await IdsAsync(connection, SqliteDialect.Instance, search);
            var byScan = await IdsAsync(connection, SqlServerDialect.Instance, search); // LIKE, which SQLite runs as well
            Assert.True(byScan.SequenceEqual(byIndex), $"{query}: index {byIndex.Count}, scan {byScan.Count}");
            found += byIndex.Count;
        }

        Assert.True(found > queries.Count, "the samples find enterprises");
    }

    [Fact]
    public async Task The_contact_index_finds_exactly_what_a_scan_finds_after_seed_bulk_contacts()
    {
        var seeded = await Support.Cli.RunAsync(app.DatabasePath, "seed-bulk", "--enterprises", "200", "--contacts", "400");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        Assert.Contains("400", seeded.Out, StringComparison.Ordinal);
        var samples = await app.Db.QueryAsync<(string Name, string? Phone, string? Email)>(
            "SELECT Name, Phone, Email FROM EnterpriseContacts ORDER BY Id DESC LIMIT 10");
        var queries = new List<string> { "zzqx", "1", "13", "0576-", "(", "%", "\"", "@" };
        foreach (var (name, phone, email) in samples)
        {
            queries.AddRange([name[..1], name[..2], name]);
            queries.AddRange(phone is { Length: >= 8 } ? [phone[^4..], phone[2..7], phone[..4] + "-" + phone[4..8], phone] : []);
            queries.AddRange(email is { Length: >= 6 } ? [email[..2], email[..6], email.ToUpperInvariant()] : []);
        }

        await using var connection = await app.Db.OpenAsync();
        var found = 0;
        foreach (var query in queries.Distinct())
        {
            var search = EnterpriseSearch.For(query)!;
            var byIndex = await ContactIdsAsync(connection, SqliteDialect.Instance, search);
            var byScan = await ContactIdsAsync(connection, SqlServerDialect.Instance, search); // LIKE, which SQLite runs as well
            Assert.True(byScan.SequenceEqual(byIndex), $"{query}: index {byIndex.Count}, scan {byScan.Count}");
            found += byIndex.Count;
        }

        Assert.True(found > queries.Count, "the samples find contacts");
    }

    private static async Task<List<long>> ContactIdsAsync(System.Data.Common.DbConnection connection, ISqlDialect dialect, Web.Infrastructure.Data.TextSearch search)
    {
        var parameters = new DynamicParameters();
        var sql = "SELECT Id FROM EnterpriseContacts WHERE Id IN (" + dialect.ContactSearchIds(search, parameters) + ") ORDER BY Id";
        return [.. await connection.QueryAsync<long>(sql, parameters)];
    }

    private static async Task<List<long>> IdsAsync(System.Data.Common.DbConnection connection, ISqlDialect dialect, Web.Infrastructure.Data.TextSearch search)
    {
        var parameters = new DynamicParameters();
        var sql = "SELECT e.Id FROM Enterprises e WHERE 1 = 1" + EnterpriseSearch.Condition(dialect, search, parameters) + " ORDER BY e.Id";
        return [.. await connection.QueryAsync<long>(sql, parameters)];
    }
}
