using System.Net;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Digest;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Digest;

/// <summary>/account/profile (digest preferences) and /admin/outbox through HTTP on the demo data.</summary>
public sealed class EmailPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Staff_turns_the_digest_off_follows_a_chain_and_switches_to_english_from_the_profile_page()
    {
        using var staff = await app.SignedInAsync("staff2@demo.local");
        var home = await staff.PageAsync("/");
        Assert.NotNull(home.QuerySelector("a.dropdown-item[href='/account/profile']"));
        var sew = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Chains WHERE Code = 'SEW'");
        var userId = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'staff2@demo.local'");

        var form = await staff.PageAsync("/account/profile");
        Assert.True(((IHtmlInputElement)form.QuerySelector("input[name='Form.DigestEnabled'][type=checkbox]")!).IsChecked);
        Assert.NotNull(form.QuerySelector($"input[name='Form.ChainIds'][value='{sew}']"));

        var saved = await staff.SubmitAsync(form, "form[data-testid=profile-form]", new Dictionary<string, string>
        {
            ["Form.DigestEnabled"] = "false",
            ["Form.ChainIds"] = sew.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Culture"] = "en",
        });
        var page = await staff.FollowAsync(saved);

        Assert.Contains("Profile saved.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.False(((IHtmlInputElement)page.QuerySelector("input[name='Form.DigestEnabled'][type=checkbox]")!).IsChecked);
        Assert.True(((IHtmlInputElement)page.QuerySelector($"input[name='Form.ChainIds'][value='{sew}']")!).IsChecked);
        Assert.Equal(0, await app.Db.ExecuteScalarAsync<long>("SELECT DigestEnabled FROM UserEmailPreferences WHERE UserId = @UserId", new { UserId = userId }));
        Assert.Equal([sew], await app.Db.QueryAsync<long>("SELECT ChainId FROM UserFollowedChains WHERE UserId = @UserId", new { UserId = userId }));
        Assert.Equal("en", await app.Db.ExecuteScalarAsync<string>("SELECT Culture FROM Users WHERE Id = @UserId", new { UserId = userId }));
        Assert.Equal(1, await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'UserPreferences' AND EntityId = @Id", new { Id = userId.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
    }

    [Fact]
    public async Task A_chain_that_does_not_exist_or_an_unknown_language_is_refused_and_nothing_changes()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var userId = await app.Db.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'staff1@demo.local'");

        var badChain = await staff.PostFormAsync("/account/profile", "form[data-testid=profile-form]", new Dictionary<string, string> { ["Form.ChainIds"] = "987654" });
        var badChainPage = await TestBrowser.ParseAsync(badChain);
        var badCulture = await staff.PostFormAsync("/account/profile", "form[data-testid=profile-form]", new Dictionary<string, string> { ["Form.Culture"] = "fr" });

        Assert.Equal(HttpStatusCode.OK, badChain.StatusCode);
        Assert.Contains("所选产业链不存在", badChainPage.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, badCulture.StatusCode);
        Assert.Contains("“fr”不是有效的界面与邮件语言", (await TestBrowser.ParseAsync(badCulture)).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM UserEmailPreferences WHERE UserId = @UserId", new { UserId = userId }));
        Assert.Equal(0, await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM UserFollowedChains WHERE UserId = @UserId", new { UserId = userId }));
    }

    [Fact]
    public async Task Admins_see_failed_deliveries_with_their_error_and_can_retry_them_and_staff_cannot_open_the_outbox()
    {
        var id = await app.Db.ExecuteScalarAsync<long>("""
            INSERT INTO OutboxMessages (MessageId, DedupKey, ToAddress, Subject, HtmlBody, TextBody, Status, Attempts, NextAttemptAtUtc, LastError, CreatedAtUtc)
            VALUES ('<page-test@crm>', 'page-test', 'leader@demo.local', '招商工作周报 2026-W48', '<p>x</p>', 'x', 'failed', 8, @Now, 'SmtpException: 550 mailbox unavailable', @Now);
            SELECT last_insert_rowid();
            """, new { Now = DateTime.UtcNow });
        using var admin = await app.SignedInAsync("admin@demo.local");

        var page = await admin.PageAsync("/admin/outbox?status=failed");
        var row = page.QuerySelector("table[data-testid=outbox] tr[data-status=failed]")!;
        Assert.Contains("550 mailbox unavailable", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("失败", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await admin.PageAsync("/admin/users")).QuerySelector("a[href='/admin/outbox']"));

        var retried = await admin.SubmitAsync(page, "table[data-testid=outbox] tr[data-status=failed] form", new Dictionary<string, string>());
        var after = await admin.FollowAsync(retried);
        Assert.Contains("已安排立即重试", after.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("pending", await app.Db.ExecuteScalarAsync<string>("SELECT Status FROM OutboxMessages WHERE Id = @Id", new { Id = id }));

        using var staff = await app.SignedInAsync("staff1@demo.local");
        var denied = await staff.GetAsync("/admin/outbox");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.Contains("accessdenied", denied.Headers.Location?.ToString() ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_message_being_sent_shows_its_attempt_and_until_when_its_lease_holds()
    {
        await app.Db.ExecuteAsync("""
            INSERT INTO OutboxMessages (MessageId, DedupKey, ToAddress, Subject, HtmlBody, TextBody, Status, Attempts, NextAttemptAtUtc, LockedUntilUtc, AttemptId, CreatedAtUtc)
            VALUES ('<sending-test@crm>', 'sending-test', 'staff2@demo.local', '招商工作周报 2026-W49', '<p>x</p>', 'x', 'sending', 1, @Now, @Now, 'abcdef0123456789abcdef0123456789', @Now)
            """, new { Now = DateTime.UtcNow });
        using var admin = await app.SignedInAsync("admin@demo.local");

        var page = await admin.PageAsync("/admin/outbox?status=sending");

        var row = page.QuerySelector("table[data-testid=outbox] tr[data-status=sending]")!;
        Assert.Contains("发送中，尝试 abcdef01，租约至", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaders_demo_digest_ranks_the_hanging_systems_link_first_from_the_real_gap_analyser()
    {
        using var scope = app.Services.CreateScope();
        var builder = scope.ServiceProvider.GetRequiredService<DigestBuilder>();
        var recipients = await builder.RecipientsAsync(CancellationToken.None);

        var leader = await builder.BuildAsync(recipients.Single(r => r.Email == "leader@demo.local"), new InvestmentCrm.Web.Domain.IsoWeekId(2026, 48), CancellationToken.None);
        var staff = await builder.BuildAsync(recipients.Single(r => r.Email == "staff1@demo.local"), new InvestmentCrm.Web.Domain.IsoWeekId(2026, 48), CancellationToken.None);

        var sew = Assert.Single(leader.Gaps);
        Assert.Equal("SEW", sew.ChainCode);
        Assert.Equal(("HANG", "missing", 1), (sew.TopGaps[0].NodeCode, sew.TopGaps[0].Status, sew.TopGaps[0].Rank));
        Assert.Empty(staff.Gaps);
    }
}
