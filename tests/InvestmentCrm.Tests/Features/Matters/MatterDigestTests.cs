using Dapper;
using InvestmentCrm.Tests.Features.Digest;
using InvestmentCrm.Tests.Infrastructure.Mail;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Digest;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Mail;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Tests.Features.Matters;

/// <summary>
/// Overdue coordination matters in the weekly digest, delivered over SMTP to an aiosmtpd server on 127.0.0.1: the
/// project owner's digest and the leaders' list them (and the project turns red there); another team's staff never
/// read them. The digest world's week is 2026-W48 (23–29 November), sent on Monday 30 November.
/// </summary>
public sealed class MatterDigestTests() : SqliteWithFolderTests("crm-matter-digest")
{
    [Fact]
    public async Task Overdue_matters_reach_their_owner_and_the_leaders_but_not_another_teams_staff()
    {
        var maildir = Path.Combine(Folder.Path, "maildir");
        using var server = await MailServer.StartAsync(maildir);
        var settings = new EmailOptions { From = "digest@crm.example" };
        settings.Smtp.Host = "127.0.0.1";
        settings.Smtp.Port = server.Port;
        var transport = new MailKitEmailTransport(Options.Create(settings), new MailServer.TestEnvironment(Folder.Path));
        var world = new DigestWorld(Database.Db, transport, o => (o.From, o.Smtp.Host, o.Smtp.Port) = (settings.From, "127.0.0.1", server.Port));
        await world.SeedAsync();
        // XM-007 (staff2's, started, idle 29 days: not yet yellow): its power matter was due on 27 November; the
        // water matter is due after the week and the resolved one no longer counts.
        await MatterAsync(world.Db, "XM-007", "power", "双回路供电接入方案待审定", "国网供电公司", new DateOnly(2026, 11, 27), "in_progress");
        await MatterAsync(world.Db, "XM-007", "water", "管网接入", "区水务集团", new DateOnly(2026, 12, 15), "open");
        await MatterAsync(world.Db, "XM-007", "approvals", "施工许可已办结", "区住建局", new DateOnly(2026, 11, 1), "resolved");

        await world.Scheduler.RunAsync(DigestWorld.Week, dryRun: false);
        await world.Sender.SendDueAsync();
        var messages = await MailServer.ReceivedAsync(maildir, expected: 4);
        string Text(string to) => messages.Single(m => m.GetProperty("toAddress").GetString() == to).GetProperty("text").GetString()!;

        var owner = Text("staff2@crm.example"); // English
        Assert.Contains("Overdue coordination matters (1)", owner, StringComparison.Ordinal);
        Assert.Contains("双回路供电接入方案待审定", owner, StringComparison.Ordinal);
        Assert.Contains("国网供电公司", owner, StringComparison.Ordinal);
        Assert.DoesNotContain("管网接入", owner, StringComparison.Ordinal);
        Assert.DoesNotContain("施工许可已办结", owner, StringComparison.Ordinal);
        Assert.Contains("XM-007", owner[owner.IndexOf("Red", StringComparison.Ordinal)..], StringComparison.Ordinal);
        var admin = Text("admin@crm.example"); // Chinese, sees all
        Assert.Contains("已逾期的协调事项（1）", admin.Replace(" (", "（", StringComparison.Ordinal).Replace(")", "）", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("用电：双回路供电接入方案待审定", admin, StringComparison.Ordinal);
        Assert.Contains("双回路供电接入方案待审定", Text("leader@crm.example"), StringComparison.Ordinal);
        Assert.DoesNotContain("双回路供电接入方案待审定", Text("staff1@crm.example"), StringComparison.Ordinal); // 招商一科
    }

    private static async Task MatterAsync(IDb db, string code, string category, string description, string department, DateOnly dueOn, string status)
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO CoordinationMatters (ProjectId, Category, Description, Department, DueOn, Status, Resolution, ResolvedOn, RaisedAtUtc, Version, UpdatedAtUtc)
            SELECT Id, @Category, @Description, @Department, @DueOn, @Status,
                   CASE WHEN @Status = 'resolved' THEN '已办结' END, CASE WHEN @Status = 'resolved' THEN @DueOn END, @At, 1, @At
            FROM Projects WHERE Code = @Code
            """, new { Code = code, Category = category, Description = description, Department = department, DueOn = dueOn, Status = status, At = new DateTime(2026, 10, 1, 2, 0, 0, DateTimeKind.Utc) });
    }
}
