using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using InvestmentCrm.Tests.Features.Digest;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Digest;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Mail;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Tests.Infrastructure.Mail;

/// <summary>
/// The real transport: MailKit to an aiosmtpd server on 127.0.0.1 (Debian python3-aiosmtpd, started here, plain or
/// with STARTTLS and a password), the received message decoded by Python's email package; and the pickup directory.
/// </summary>
public sealed class SmtpDeliveryTests() : SqliteWithFolderTests("crm-smtp")
{
    private MailKitEmailTransport Transport(EmailOptions settings) => new(Options.Create(settings), new MailServer.TestEnvironment(Folder.Path));

    [Fact]
    public async Task A_leaders_digest_arrives_over_smtp_with_its_chinese_subject_both_parts_and_the_chinese_named_pdf()
    {
        var maildir = Path.Combine(Folder.Path, "maildir");
        using var server = await MailServer.StartAsync(maildir);
        var settings = new EmailOptions { From = "digest@crm.example", FromName = "招商CRM" };
        settings.Smtp.Host = "127.0.0.1";
        settings.Smtp.Port = server.Port;
        var gaps = new FakeGapSource();
        var world = new DigestWorld(Database.Db, Transport(settings), o => (o.From, o.FromName, o.Smtp.Host, o.Smtp.Port) = (settings.From, settings.FromName, "127.0.0.1", server.Port), gaps);
        await world.SeedAsync();

        var queued = await world.Scheduler.RunAsync(DigestWorld.Week, dryRun: false);
        var sent = await world.Sender.SendDueAsync();

        Assert.Equal((4, 4), (queued.Count(DigestOutcome.Queued), sent.Sent));
        var messages = await MailServer.ReceivedAsync(maildir, expected: 4);
        var admin = messages.Single(m => m.GetProperty("toAddress").GetString() == "admin@crm.example");
        var subject = admin.GetProperty("subject").GetString()!;
        Assert.StartsWith("招商工作周报 2026-W48（", subject, StringComparison.Ordinal);
        Assert.Equal(queued.Items.Single(i => i.Email == "admin@crm.example").Subject, subject);
        Assert.Equal("系统管理员", admin.GetProperty("toName").GetString());
        Assert.Contains("招商CRM", admin.GetProperty("from").GetString(), StringComparison.Ordinal);
        Assert.Equal("multipart/mixed", admin.GetProperty("type").GetString());
        Assert.Contains("系统管理员，您好", admin.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("签约项目：1 个，合同投资 52,000 万元", admin.GetProperty("text").GetString(), StringComparison.Ordinal);
        var html = admin.GetProperty("html").GetString()!;
        Assert.Contains("<table", html, StringComparison.Ordinal);
        Assert.Contains("智能吊挂系统", html, StringComparison.Ordinal);
        Assert.Contains("https://crm.example/projects/XM-002", html, StringComparison.Ordinal);
        var attachment = admin.GetProperty("attachments").EnumerateArray().Single();
        Assert.Equal((FakeGapSource.FileName("SEW"), "application/pdf"), (attachment.GetProperty("filename").GetString(), attachment.GetProperty("type").GetString()));
        Assert.Equal(Convert.ToHexString(FakeGapSource.Pdf).ToLowerInvariant(), attachment.GetProperty("hex").GetString());
        // The raw headers are 7-bit: the subject encoded per RFC 2047, the file name per RFC 2231.
        Assert.Matches(@"(?m)^Subject: =\?utf-8\?", admin.GetProperty("raw").GetString()!);
        Assert.Matches(@"filename\*0?\*?=utf-8''", admin.GetProperty("raw").GetString()!);

        var staff = messages.Single(m => m.GetProperty("toAddress").GetString() == "staff1@crm.example");
        Assert.Empty(staff.GetProperty("attachments").EnumerateArray());
        Assert.Equal("multipart/alternative", staff.GetProperty("type").GetString());
        var english = messages.Single(m => m.GetProperty("toAddress").GetString() == "leader@crm.example");
        Assert.StartsWith("Weekly digest 2026-W48", english.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, gaps.PdfRequests); // one per language (admin zh-CN, leader en), not one per leader
        Assert.Equal(1, gaps.Baselines);
        // The run's messages share one connection (aiosmtpd stamps each with the client's address and port).
        Assert.Single(messages.Select(m => System.Text.RegularExpressions.Regex.Match(m.GetProperty("raw").GetString()!, @"(?m)^X-Peer: (.*)$").Groups[1].Value).Distinct());
    }

    [Fact]
    public async Task Starttls_and_a_password_from_configuration_deliver_to_a_server_that_requires_both()
    {
        var (certificate, fingerprint) = MailServer.WriteSelfSignedCertificate(Folder.Path);
        var maildir = Path.Combine(Folder.Path, "tls-maildir");
        using var server = await MailServer.StartAsync(maildir, certificate, ("crm", "秘密-pass"));
        var settings = new EmailOptions { From = "digest@crm.example" };
        settings.Smtp.Host = "127.0.0.1";
        settings.Smtp.Port = server.Port;
        settings.Smtp.Security = SecureSocketOptions.StartTls;
        settings.Smtp.UserName = "crm";
        settings.Smtp.Password = "秘密-pass";
        var message = new EmailMessage("<tls-1@crm.example>", "staff1@crm.example", "李招商", "招商工作周报（加密）", "<p>你好</p>", "你好", []);

        // No trusted CA signed the relay's certificate: refused until its fingerprint is configured.
        await Assert.ThrowsAnyAsync<SslHandshakeException>(() => Transport(settings).SendAsync(message, CancellationToken.None));
        settings.Smtp.CertificateSha256 = string.Join(':', Enumerable.Range(0, 32).Select(i => fingerprint.Substring(i * 2, 2)));
        await Transport(settings).SendAsync(message, CancellationToken.None);

        var received = Assert.Single(await MailServer.ReceivedAsync(maildir, expected: 1));
        Assert.Equal(("招商工作周报（加密）", "李招商"), (received.GetProperty("subject").GetString(), received.GetProperty("toName").GetString()));
        settings.Smtp.Password = "wrong";
        await Assert.ThrowsAnyAsync<AuthenticationException>(() => Transport(settings).SendAsync(message with { MessageId = "<tls-2@crm.example>" }, CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_connection_leaves_the_digest_in_the_outbox_for_a_retry()
    {
        var settings = new EmailOptions();
        settings.Smtp.Host = "127.0.0.1";
        settings.Smtp.Port = MailServer.FreePort(); // nothing listens there
        settings.Smtp.TimeoutSeconds = 5;
        var world = new DigestWorld(Database.Db, Transport(settings));
        await world.SeedAsync();
        await world.Scheduler.RunAsync(DigestWorld.Week, dryRun: false);

        var result = await world.Sender.SendDueAsync();

        Assert.Equal((0, 4), (result.Sent, result.Retrying));
        Assert.Equal(4, await Database.Db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'pending' AND Attempts = 1 AND LastError LIKE '%refused%'"));
    }

    [Fact]
    public async Task A_display_name_with_quotes_and_markup_stays_a_name_and_cannot_add_recipients()
    {
        var settings = new EmailOptions { PickupDirectory = "mail" };
        const string name = "USER<script>alert(1)</script>\"><img src=x onerror=alert(1)>\", evil@attacker.example";

        await Transport(settings).SendAsync(new EmailMessage("<xss@crm.example>", "xss@demo.local", name, "测试", "<p>x</p>", "x", []), CancellationToken.None);

        var message = Assert.Single(await MailServer.ReceivedAsync(Path.Combine(Folder.Path, "mail"), expected: 1));
        Assert.Equal((name, "xss@demo.local", 1), (message.GetProperty("toName").GetString(), message.GetProperty("toAddress").GetString(), message.GetProperty("toCount").GetInt32()));
    }

    [Fact]
    public async Task The_pickup_directory_holds_one_file_per_message_id_and_a_second_delivery_replaces_it()
    {
        var settings = new EmailOptions { PickupDirectory = "mail" };
        var message = new EmailMessage("<abc@crm.example>", "staff1@crm.example", "李招商", "招商工作周报", "<p>你好</p>", "你好", []);

        await Transport(settings).SendAsync(message, CancellationToken.None);
        await Transport(settings).SendAsync(message with { TextBody = "你好（第二次）" }, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(Folder.Path, "mail")));
        Assert.Equal("abc@crm.example.eml", Path.GetFileName(file));
        var received = Assert.Single(await MailServer.ReceivedAsync(Path.Combine(Folder.Path, "mail"), expected: 1));
        Assert.Equal(("招商工作周报", "<abc@crm.example>", "multipart/alternative"),
            (received.GetProperty("subject").GetString(), received.GetProperty("messageId").GetString(), received.GetProperty("type").GetString()));
        Assert.Contains("第二次", received.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
