using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Features.Attachments;
using InvestmentCrm.Tests.Support;
using static InvestmentCrm.Tests.Features.Attachments.AttachmentSamples;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>
/// Deleting an enterprise through HTTP as a browser does: the confirmation names what goes with it (its attachments
/// by name, contacts, chain mappings, land records), the delete takes the attachments' rows and stored content with it
/// in one transaction, audited; a failed delete keeps everything, a changed list of files asks again, and an
/// enterprise that projects name is refused with what to do, in both languages.
/// </summary>
public sealed class EnterpriseDeleteTests(AttachmentsApp app) : IClassFixture<AttachmentsApp>
{
    private async Task<long> NewEnterpriseAsync(int n, string name)
    {
        await app.ReadyAsync();
        await app.WithImporterAsync(w => w.ImportCsvAsync(EnterpriseSamples.Csv(EnterpriseSamples.Row(n).With(("name", name)))));
        var id = await EnterpriseSamples.IdOfAsync(app.Db, UsccTestHelper.Make(n));
        await app.Db.ExecuteAsync("INSERT INTO EnterpriseContacts (EnterpriseId, Name, IsPrimary, SortOrder) VALUES (@Id, '王经理', 1, 0)", new { Id = id });
        await app.Db.ExecuteAsync("""
            INSERT INTO LandRecords (EnterpriseId, Year, LandMu, OutputWan, TaxWan, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Id, 2025, 12.5, 3000, 150, @Now, @Now)
            """, new { Id = id, Now = app.Clock.Now.UtcDateTime });
        return id;
    }

    private async Task<long> AttachAsync(TestBrowser browser, long enterpriseId, string name, byte[] content)
    {
        var response = await PostAsync(browser, await browser.PageAsync($"/enterprises/{enterpriseId}"), name, content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.ScalarAsync<long>("SELECT MAX(Id) FROM Attachments WHERE OwnerType = 'enterprise' AND OwnerId = @enterpriseId", new { enterpriseId });
    }

    /// <summary>Rows and stored content of the enterprise's files.</summary>
    private async Task<(long Rows, long Contents)> FilesOfAsync(long enterpriseId) =>
        (await app.ScalarAsync<long>("SELECT COUNT(*) FROM Attachments WHERE OwnerType = 'enterprise' AND OwnerId = @enterpriseId", new { enterpriseId }),
         await app.ScalarAsync<long>("""
            SELECT COUNT(*) FROM AttachmentContents c JOIN Attachments a ON a.StorageKey = c.StorageKey
            WHERE a.OwnerType = 'enterprise' AND a.OwnerId = @enterpriseId
            """, new { enterpriseId }));

    private Task<long> CountAsync(string table, long id) =>
        app.ScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE {(table == "Enterprises" ? "Id" : "EnterpriseId")} = @id", new { id });

    private async Task<IDocument> ConfirmPageAsync(TestBrowser leader, long id)
    {
        var details = await leader.PageAsync($"/enterprises/{id}");
        var link = details.QuerySelector("a[data-testid=delete-link]")!.GetAttribute("href")!;
        Assert.Equal($"/enterprises/{id}/delete", link);
        return await leader.PageAsync(link);
    }

    [Fact]
    public async Task The_confirmation_names_the_files_and_the_delete_takes_their_rows_and_content_with_it_audited()
    {
        var id = await NewEnterpriseAsync(9301, "台州附件删除测试有限公司");
        using var staff = await app.AsAsync("staff1@demo.local");
        var contract = await AttachAsync(staff, id, "投资协议（盖章）.pdf", Pdf());
        var photo = await AttachAsync(staff, id, "厂房照片.png", Png());
        var stored = await app.ScalarAsync<string>("SELECT StorageKey FROM Attachments WHERE Id = @contract", new { contract });
        using var leader = await app.AsAsync("leader@demo.local");

        var confirm = await ConfirmPageAsync(leader, id);
        var removed = confirm.QuerySelector("[data-testid=removed]")!.TextContent;
        Assert.Contains("2 个附件", removed, StringComparison.Ordinal);
        Assert.Contains("投资协议（盖章）.pdf", removed, StringComparison.Ordinal);
        Assert.Contains("厂房照片.png", removed, StringComparison.Ordinal);
        Assert.Contains($"{await CountAsync("EnterpriseContacts", id)} 位联系人", removed, StringComparison.Ordinal);
        Assert.Contains("1 条亩均效益记录", removed, StringComparison.Ordinal);
        Assert.Contains("1 个产业链节点关联", removed, StringComparison.Ordinal);
        Assert.Equal((2L, 2L), await FilesOfAsync(id)); // asking deletes nothing
        var auditFrom = await app.ScalarAsync<long>("SELECT MAX(Id) FROM AuditLog"); // ids of deleted enterprises come back

        var list = await leader.FollowAsync(await leader.SubmitAsync(confirm, "form[data-testid=delete-form]", new Dictionary<string, string>()));

        Assert.Contains("已删除企业“台州附件删除测试有限公司”及其 2 个附件。", list.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), await FilesOfAsync(id));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM AttachmentContents WHERE StorageKey = @stored", new { stored }));
        Assert.Equal(0L, await CountAsync("Enterprises", id));
        Assert.Equal(0L, await CountAsync("LandRecords", id));
        Assert.Equal(0L, await CountAsync("EnterpriseContacts", id));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/attachments/download/{contract}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/attachments/download/{photo}")).StatusCode);

        var entityId = id.ToString(CultureInfo.InvariantCulture);
        var audit = await app.Db.QueryAsync<(string Action, string ActorName, string Changes)>(
            "SELECT Action, ActorName, Changes FROM AuditLog WHERE Id > @auditFrom AND EntityType = 'Enterprise' AND EntityId = @entityId ORDER BY Id", new { auditFrom, entityId });
        Assert.Equal(["attachment-delete", "attachment-delete", "delete"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("leader@demo.local", a.ActorName));
        Assert.Contains("\"Attachments\":[\"", audit[2].Changes, StringComparison.Ordinal);
        Assert.Contains("投资协议（盖章）.pdf", audit[2].Changes, StringComparison.Ordinal);
        Assert.Contains("厂房照片.png", audit[2].Changes, StringComparison.Ordinal);
        Assert.Contains("\"LandRecordCount\":1", audit[2].Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_neither_see_the_confirmation_nor_delete_by_posting_it()
    {
        var id = await NewEnterpriseAsync(9304, "台州员工不可删除测试有限公司");
        using var leader = await app.AsAsync("leader@demo.local");
        var confirm = await ConfirmPageAsync(leader, id);
        using var staff = await app.AsAsync("staff1@demo.local");

        await AssertDeniedAsync(staff, await staff.GetAsync($"/enterprises/{id}/delete"));
        await AssertDeniedAsync(staff, await staff.SubmitAsync(confirm, "form[data-testid=delete-form]", new Dictionary<string, string>()));

        Assert.Equal(1L, await CountAsync("Enterprises", id));
        Assert.Null((await staff.PageAsync($"/enterprises/{id}")).QuerySelector("a[data-testid=delete-link]"));
    }

    [Fact]
    public async Task A_delete_that_fails_keeps_the_enterprise_and_every_file()
    {
        var id = await NewEnterpriseAsync(9302, "台州删除失败测试有限公司");
        using var leader = await app.AsAsync("leader@demo.local");
        var file = await AttachAsync(leader, id, "合同.pdf", Pdf());
        var auditBefore = await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog");
        var confirm = await ConfirmPageAsync(leader, id);
        // The enterprise's own delete fails after its files' rows were deleted in the same transaction.
        await app.Db.ExecuteAsync($"CREATE TRIGGER FailEnterpriseDelete{id} BEFORE DELETE ON Enterprises WHEN OLD.Id = {id} BEGIN SELECT RAISE(ABORT, 'held'); END");
        try
        {
            var response = await leader.SubmitAsync(confirm, "form[data-testid=delete-form]", new Dictionary<string, string>());
            var details = await leader.FollowAsync(response);
            Assert.Contains("不能删除", details.QuerySelector("[data-testid=error]")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await app.Db.ExecuteAsync($"DROP TRIGGER FailEnterpriseDelete{id}");
        }

        Assert.Equal((1L, 1L), await FilesOfAsync(id));
        Assert.Equal(1L, await CountAsync("Enterprises", id));
        Assert.Equal(1L, await CountAsync("LandRecords", id));
        Assert.Equal(auditBefore, await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog"));
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/attachments/download/{file}")).StatusCode);
    }

    [Fact]
    public async Task A_file_added_after_the_confirmation_was_shown_is_not_deleted_unseen_the_page_asks_again()
    {
        var id = await NewEnterpriseAsync(9303, "台州附件变化测试有限公司");
        using var leader = await app.AsAsync("leader@demo.local", culture: "en");
        await AttachAsync(leader, id, "mou.pdf", Pdf());
        var confirm = await ConfirmPageAsync(leader, id);
        using var staff = await app.AsAsync("staff2@demo.local");
        await AttachAsync(staff, id, "后来的文件.png", Png());

        var response = await leader.SubmitAsync(confirm, "form[data-testid=delete-form]", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var again = await TestBrowser.ParseAsync(response);
        Assert.Contains("changed since this page was opened", again.QuerySelector("[data-testid=changed]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 attachments", again.QuerySelector("[data-testid=removed]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("后来的文件.png", again.QuerySelector("[data-testid=removed]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((2L, 2L), await FilesOfAsync(id));

        var list = await leader.FollowAsync(await leader.SubmitAsync(again, "form[data-testid=delete-form]", new Dictionary<string, string>()));
        Assert.Contains("deleted with its 2 attachments", list.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), await FilesOfAsync(id));
    }

    [Theory]
    [InlineData("zh-CN", "请先在这些项目中改选其他企业，再删除该企业。")]
    [InlineData("en", "Choose another enterprise in those projects first")]
    public async Task An_enterprise_that_projects_name_is_not_deleted_and_the_page_says_what_to_do(string culture, string advice)
    {
        await app.ReadyAsync();
        var id = await app.ScalarAsync<long>("SELECT MIN(EnterpriseId) FROM Projects");
        using var leader = await app.AsAsync("leader@demo.local", culture);
        var confirm = await ConfirmPageAsync(leader, id);
        Assert.Contains(advice, confirm.QuerySelector("[data-testid=in-use]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(confirm.QuerySelector("form[data-testid=delete-form]"));

        // A post made anyway (an old tab) deletes nothing.
        var token = confirm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await leader.Client.PostAsync($"/enterprises/{id}/delete", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(1L, await CountAsync("Enterprises", id));
    }
}
