using System.Net;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using static InvestmentCrm.Tests.Features.Attachments.AttachmentSamples;

namespace InvestmentCrm.Tests.Features.Attachments;

/// <summary>The demo data with a 1 MB attachment limit, so "too large" is cheap to send.</summary>
public sealed class AttachmentsApp : ProjectsApp
{
    public AttachmentsApp() => Settings["Attachments:MaxFileMegabytes"] = "1";
}

/// <summary>
/// Attachments through HTTP as a browser sends them: kept with a project (by whoever may edit it) or an enterprise,
/// listed with who, when and size, downloaded only within the reader's scope with safe headers, deleted after a
/// confirmation, every change audited; a file that is not what its name says, empty or too large is refused with
/// nothing stored. staff1 owns JJ2026-001; staff3 is their teammate (reads it); staff2 is on another team.
/// </summary>
public sealed class AttachmentPagesTests(AttachmentsApp app) : IClassFixture<AttachmentsApp>
{
    private const string Contract = "招商合同（签字版）.pdf";

    private Task<long> ProjectIdAsync(string code) => app.ScalarAsync<long>("SELECT Id FROM Projects WHERE Code = @code", new { code });

    private async Task<(long Rows, long Contents, long Audit)> StoredAsync() =>
        (await app.ScalarAsync<long>("SELECT COUNT(*) FROM Attachments"),
         await app.ScalarAsync<long>("SELECT COUNT(*) FROM AttachmentContents"),
         await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE Action LIKE 'attachment-%'"));

    private async Task<long> UploadToProjectAsync(TestBrowser browser, string code, string name, byte[] content)
    {
        var response = await PostAsync(browser, await browser.PageAsync("/projects/" + code), name, content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.ScalarAsync<long>("SELECT MAX(Id) FROM Attachments");
    }

    [Fact]
    public async Task The_owner_attaches_a_pdf_it_is_listed_with_who_when_and_size_and_downloads_under_its_chinese_name()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var content = Pdf(1536);

        var response = await PostAsync(staff1, await staff1.PageAsync("/projects/JJ2026-001"), Contract, content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/projects/JJ2026-001#attachments", response.Headers.Location!.ToString());
        var page = await staff1.FollowAsync(response);
        var item = page.QuerySelectorAll("[data-attachment]").Single(li => li.TextContent.Contains(Contract, StringComparison.Ordinal));
        Assert.Equal("1.5 KB", item.QuerySelector("[data-testid=size]")!.TextContent);
        Assert.Contains("李招商", item.TextContent, StringComparison.Ordinal); // staff1's display name, not the e-mail
        Assert.Contains(app.Today.ToString("yyyy/M/d"), item.TextContent, StringComparison.Ordinal);
        Assert.Contains(Contract, page.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);

        var id = item.GetAttribute("data-attachment");
        var download = await staff1.GetAsync(item.QuerySelector("a[data-testid=download]")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(Contract, disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''%E6%8B%9B%E5%95%86", download.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);

        var audit = await app.Db.QueryAsync<(string ActorName, string Changes)>(
            "SELECT ActorName, Changes FROM AuditLog WHERE EntityType = 'Project' AND EntityId = 'JJ2026-001' AND Action = 'attachment-add'");
        var entry = Assert.Single(audit, a => a.Changes.Contains(Contract, StringComparison.Ordinal));
        Assert.Equal("staff1@demo.local", entry.ActorName);
        Assert.Contains($"\"Attachment\":[null,{id}]", entry.Changes, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> Refused() => new()
    {
        { "合同.pdf", Exe(), "不是 .pdf 文件" },
        { "setup.exe", Exe(), "只接受" },
        { "空白.pdf", [], "是空的" },
        { "报告.docx", Zip("readme.txt"), "不是 .docx 文件" },
        { "照片.png", Pdf(), "不是 .png 文件" },
        { "notes.txt", [0x00, 0x01, 0x02, 0xFF], "不是 .txt 文件" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_file_that_is_not_what_its_name_says_or_is_empty_is_refused_with_a_message_and_nothing_stored(string name, byte[] content, string message)
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var before = await StoredAsync();

        var response = await PostAsync(staff1, await staff1.PageAsync("/projects/JJ2026-003"), name, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-testid=file-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_while_it_is_read_in_english_too_and_no_file_at_all_is_asked_for()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local", culture: "en");
        var before = await StoredAsync();
        var project = await staff1.PageAsync("/projects/JJ2026-003");

        var tooBig = await PostAsync(staff1, project, "scan.pdf", Pdf((1024 * 1024) + (80 * 1024)));

        Assert.Equal(HttpStatusCode.Redirect, tooBig.StatusCode); // back to the upload page, the file not kept
        var refused = await staff1.FollowAsync(tooBig);
        Assert.Contains("larger than 1 MB", refused.QuerySelector("[data-testid=file-error]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(refused.QuerySelector("form[data-testid=attachment-form]"));

        var none = await PostAsync(staff1, project, "", null);
        Assert.Contains("Choose a file", (await TestBrowser.ParseAsync(none)).QuerySelector("[data-testid=file-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task Only_who_may_see_the_project_downloads_its_files_and_only_who_may_edit_it_changes_them()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var id = await UploadToProjectAsync(staff1, "JJ2026-006", "考察报告.pdf", Pdf());
        var projectId = await ProjectIdAsync("JJ2026-006");
        var before = await StoredAsync();

        using var staff2 = await app.AsAsync("staff2@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await staff2.GetAsync($"/attachments/download/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff2.GetAsync($"/attachments/delete/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff2.GetAsync($"/attachments/upload/project/{projectId}")).StatusCode);

        using var teammate = await app.AsAsync(ProjectsApp.Teammate);
        var shown = await teammate.PageAsync("/projects/JJ2026-006");
        Assert.NotNull(shown.QuerySelector($"[data-attachment='{id}'] a[data-testid=download]"));
        Assert.Null(shown.QuerySelector("form[data-testid=attachment-form]"));
        Assert.Null(shown.QuerySelector("a[data-testid=delete]"));
        Assert.Equal(HttpStatusCode.OK, (await teammate.GetAsync($"/attachments/download/{id}")).StatusCode);
        // A forged post from the reader who may only read: 403, nothing kept or deleted.
        var staffPage = await staff1.PageAsync("/projects/JJ2026-006");
        var forged = await PostAsync(teammate, await WithTokenOfAsync(teammate, staffPage), "x.pdf", Pdf());
        await AssertDeniedAsync(teammate, forged);
        await AssertDeniedAsync(teammate, await teammate.GetAsync($"/attachments/delete/{id}"));

        using var leader = await app.AsAsync("leader@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/attachments/download/{id}")).StatusCode);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task Deleting_asks_first_then_removes_the_file_and_its_content_audited()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var id = await UploadToProjectAsync(staff1, "JJ2026-001", "备忘录.png", Png());

        var confirm = await staff1.PageAsync($"/attachments/delete/{id}");
        Assert.Contains("备忘录.png", confirm.QuerySelector("[data-testid=confirm]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM Attachments WHERE Id = @id", new { id }));

        var deleted = await staff1.SubmitAsync(confirm, "form[data-testid=delete-form]", new Dictionary<string, string>());

        var page = await staff1.FollowAsync(deleted);
        Assert.Null(page.QuerySelector($"[data-attachment='{id}']"));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM Attachments WHERE Id = @id", new { id }));
        Assert.Equal(HttpStatusCode.NotFound, (await staff1.GetAsync($"/attachments/download/{id}")).StatusCode);
        var changes = await app.ScalarAsync<string>(
            "SELECT Changes FROM AuditLog WHERE EntityId = 'JJ2026-001' AND Action = 'attachment-delete' ORDER BY Id DESC LIMIT 1");
        Assert.Contains($"\"Attachment\":[{id},null]", changes, StringComparison.Ordinal);
        Assert.Contains("备忘录.png", changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_files_bytes_do_not_stay_in_the_database_file()
    {
        using var staff1 = await app.AsAsync("staff1@demo.local");
        // Large enough for overflow pages, marked so that its bytes can be looked for in the file.
        var marker = "机密合同扫描件-"u8.ToArray().Concat(Guid.NewGuid().ToByteArray()).ToArray();
        var content = Pdf(200_000);
        for (var at = 64; at + marker.Length < content.Length; at += 4096)
        {
            marker.CopyTo(content, at);
        }

        var id = await UploadToProjectAsync(staff1, "JJ2026-001", "身份证复印件.pdf", content);
        Assert.True(Contains(await ReadDatabaseFileAsync(), marker), "the upload is in the file");

        var deleted = await staff1.SubmitAsync(await staff1.PageAsync($"/attachments/delete/{id}"), "form[data-testid=delete-form]", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(Contains(await ReadDatabaseFileAsync(), marker), "a deleted file's bytes are still in the database file");
    }

    private async Task<byte[]> ReadDatabaseFileAsync()
    {
        await using var file = new FileStream(app.DatabasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    [Fact]
    public async Task An_enterprise_file_is_shared_with_every_signed_in_user_and_named_when_the_enterprise_is_to_be_deleted()
    {
        await app.ReadyAsync();
        var enterpriseId = await app.ScalarAsync<long>("SELECT MIN(Id) FROM Enterprises WHERE Id NOT IN (SELECT EnterpriseId FROM Projects)");
        using var staff1 = await app.AsAsync("staff1@demo.local");
        var response = await PostAsync(staff1, await staff1.PageAsync($"/enterprises/{enterpriseId}"), "营业执照.docx", Zip("[Content_Types].xml", "word/document.xml"));
        Assert.Equal($"/enterprises/{enterpriseId}#attachments", response.Headers.Location!.ToString());
        var id = await app.ScalarAsync<long>("SELECT MAX(Id) FROM Attachments");
        Assert.Equal("Enterprise", await app.ScalarAsync<string>(
            "SELECT EntityType FROM AuditLog WHERE Action = 'attachment-add' AND EntityId = @EntityId", new { EntityId = enterpriseId.ToString() }));

        using var staff2 = await app.AsAsync("staff2@demo.local", culture: "en");
        var download = await staff2.GetAsync($"/attachments/download/{id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await staff2.PageAsync($"/enterprises/{enterpriseId}")).QuerySelector($"[data-attachment='{id}'] a[data-testid=delete]"));

        // It goes with the enterprise when the enterprise is deleted (EnterpriseDeleteTests): the confirmation names it.
        using var leader = await app.AsAsync("leader@demo.local");
        var confirm = await leader.PageAsync($"/enterprises/{enterpriseId}/delete");
        Assert.Contains("营业执照.docx", confirm.QuerySelector("[data-testid=removed-files]")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The reader's own antiforgery token in a copy of a page they may not post from.</summary>
    private static async Task<IDocument> WithTokenOfAsync(TestBrowser reader, IDocument page)
    {
        var own = await reader.PageAsync("/projects"); // the sign-out form in the top bar carries the reader's token
        var token = own.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No token on /projects");
        page.QuerySelector("form[data-testid=attachment-form] input[name=__RequestVerificationToken]")!.SetAttribute("value", token);
        return page;
    }
}
