using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using InvestmentCrm.Tests.Features.Digest;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Digest;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Mail;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Tests.Infrastructure.Mail;

/// <summary>
/// The real transport: System.Net.Mail to an aiosmtpd server on 127.0.0.1 (Debian python3-aiosmtpd, started here),
/// the received message decoded by Python's email package; and the pickup directory used without a server.
/// </summary>
public sealed class SmtpDeliveryTests : IAsyncLifetime
{
    private const string Python = "/usr/bin/python3";
    private const string AiosmtpdModule = "/usr/lib/python3/dist-packages/aiosmtpd/__init__.py";

    // Prints every message of a Maildir as JSON: headers decoded, the text and HTML parts, the attachments.
    private const string Decode = """
        import email, email.policy, json, mailbox, sys
        out = []
        for key, raw in mailbox.Maildir(sys.argv[1], factory=None).items():
            msg = email.message_from_bytes(raw.as_bytes(), policy=email.policy.default)
            body = lambda t: (msg.get_body(preferencelist=(t,)) or None)
            att = [{"filename": p.get_filename(), "type": p.get_content_type(), "size": len(p.get_payload(decode=True)), "hex": p.get_payload(decode=True).hex()}
                   for p in msg.iter_attachments()]
            out.append({"to": str(msg["To"]), "from": str(msg["From"]), "subject": str(msg["Subject"]), "messageId": str(msg["Message-ID"]),
                        "type": msg.get_content_type(),
                        "text": body("plain").get_content() if body("plain") else None,
                        "html": body("html").get_content() if body("html") else None,
                        "attachments": att})
        print(json.dumps(out, ensure_ascii=False))
        """;

    private readonly TempDirectory folder = new("crm-smtp");
    private ProviderDatabase? database;

    public async Task InitializeAsync() => database = await ProviderDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        folder.Dispose();
    }

    [Fact]
    public async Task A_leaders_digest_arrives_over_smtp_with_a_chinese_subject_both_parts_and_the_pdf()
    {
        SystemTools.Require(Python, "python3");
        SystemTools.Require(AiosmtpdModule, "python3-aiosmtpd");
        var port = FreePort();
        var maildir = Path.Combine(folder.Path, "maildir");
        using var server = StartServer(port, maildir);
        try
        {
            await WaitForPortAsync(port, server);
            var settings = new EmailOptions { From = "digest@crm.example", FromName = "招商CRM" };
            settings.Smtp.Host = "127.0.0.1";
            settings.Smtp.Port = port;
            var transport = new SmtpEmailTransport(Options.Create(settings), new TestEnvironment(folder.Path));
            var gaps = new FakeGapSource();
            var world = new DigestWorld(database!.Db, transport, o => (o.From, o.FromName, o.Smtp.Host, o.Smtp.Port) = (settings.From, settings.FromName, "127.0.0.1", port), gaps);
            await world.SeedAsync();

            var queued = await world.Scheduler.RunAsync(DigestWorld.Week, dryRun: false);
            var sent = await world.Sender.SendDueAsync();

            Assert.Equal((4, 4), (queued.Count(DigestOutcome.Queued), sent.Sent));
            var messages = await ReceivedAsync(maildir, expected: 4);
            var admin = messages.Single(m => m.GetProperty("to").GetString()!.Contains("admin@crm.example", StringComparison.Ordinal));
            var subject = admin.GetProperty("subject").GetString()!;
            Assert.StartsWith("招商工作周报 2026-W48（", subject, StringComparison.Ordinal);
            Assert.Equal(queued.Items.Single(i => i.Email == "admin@crm.example").Subject, subject);
            Assert.Contains("招商CRM", admin.GetProperty("from").GetString(), StringComparison.Ordinal);
            Assert.Equal("multipart/mixed", admin.GetProperty("type").GetString());
            Assert.Contains("系统管理员，您好", admin.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Contains("签约项目：1 个，合同投资 52,000 万元", admin.GetProperty("text").GetString(), StringComparison.Ordinal);
            var html = admin.GetProperty("html").GetString()!;
            Assert.Contains("<table", html, StringComparison.Ordinal);
            Assert.Contains("智能吊挂系统", html, StringComparison.Ordinal);
            Assert.Contains("https://crm.example/projects/XM-002", html, StringComparison.Ordinal);
            var attachment = admin.GetProperty("attachments").EnumerateArray().Single();
            Assert.Equal(("chain-gaps-SEW.pdf", "application/pdf"), (attachment.GetProperty("filename").GetString(), attachment.GetProperty("type").GetString()));
            Assert.Equal(Convert.ToHexString(FakeGapSource.Pdf).ToLowerInvariant(), attachment.GetProperty("hex").GetString());

            var staff = messages.Single(m => m.GetProperty("to").GetString()!.Contains("staff1@crm.example", StringComparison.Ordinal));
            Assert.Empty(staff.GetProperty("attachments").EnumerateArray());
            Assert.Equal("multipart/alternative", staff.GetProperty("type").GetString());
            var english = messages.Single(m => m.GetProperty("to").GetString()!.Contains("leader@crm.example", StringComparison.Ordinal));
            Assert.StartsWith("Weekly digest 2026-W48", english.GetProperty("subject").GetString(), StringComparison.Ordinal);
            Assert.Equal(2, gaps.PdfRequests); // one per language (admin zh-CN, leader en), not one per leader
            Assert.Equal(1, gaps.Baselines);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task A_refused_connection_leaves_the_digest_in_the_outbox_for_a_retry()
    {
        var settings = new EmailOptions();
        settings.Smtp.Host = "127.0.0.1";
        settings.Smtp.Port = FreePort(); // nothing listens there
        settings.Smtp.TimeoutSeconds = 5;
        var transport = new SmtpEmailTransport(Options.Create(settings), new TestEnvironment(folder.Path));
        var world = new DigestWorld(database!.Db, transport);
        await world.SeedAsync();
        await world.Scheduler.RunAsync(DigestWorld.Week, dryRun: false);

        var result = await world.Sender.SendDueAsync();

        Assert.Equal((0, 4), (result.Sent, result.Retrying));
        Assert.Equal(4, await Dapper.SqlMapper.ExecuteScalarAsync<long>(await database.Db.OpenAsync(),
            "SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'pending' AND Attempts = 1 AND LastError LIKE '%SmtpException%'"));
    }

    [Fact]
    public async Task Without_an_smtp_host_messages_are_written_to_the_pickup_directory()
    {
        var settings = new EmailOptions { PickupDirectory = "mail" };
        var transport = new SmtpEmailTransport(Options.Create(settings), new TestEnvironment(folder.Path));

        await transport.SendAsync(new EmailMessage("<abc@crm.example>", "staff1@crm.example", "李招商", "招商工作周报", "<p>你好</p>", "你好", []), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(folder.Path, "mail"), "*.eml"));
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("Subject: =?utf-8?B?", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Message-ID: <abc@crm.example>", text, StringComparison.Ordinal);
        Assert.Contains("multipart/alternative", text, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static Process StartServer(int port, string maildir)
    {
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("aiosmtpd did not start.");
    }

    private static async Task WaitForPortAsync(int port, Process server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException("aiosmtpd exited: " + await server.StandardError.ReadToEndAsync());
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"aiosmtpd did not listen on 127.0.0.1:{port}.");
    }

    private async Task<List<JsonElement>> ReceivedAsync(string maildir, int expected)
    {
        var script = Path.Combine(folder.Path, "decode.py");
        await File.WriteAllTextAsync(script, Decode);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(script);
            info.ArgumentList.Add(maildir);
            info.Environment["PYTHONIOENCODING"] = "utf-8";
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, error);
            var messages = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
            if (messages.Count >= expected || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, messages.Count);
                return messages;
            }

            await Task.Delay(200);
        }
    }

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "InvestmentCrm.Web";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
