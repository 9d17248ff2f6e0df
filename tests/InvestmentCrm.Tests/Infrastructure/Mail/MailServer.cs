using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using InvestmentCrm.Tests.Support;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace InvestmentCrm.Tests.Infrastructure.Mail;

/// <summary>
/// aiosmtpd (Debian python3-aiosmtpd) on a free port of 127.0.0.1, delivering into a Maildir; optionally with
/// STARTTLS required (a certificate this test made) and a user name and password required. Messages are read back
/// with Python's own e-mail parser, which is what a receiving mail system sees.
/// </summary>
public sealed class MailServer : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private const string AiosmtpdModule = "/usr/lib/python3/dist-packages/aiosmtpd/__init__.py";

    private const string Serve = """
        import ssl, sys
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Mailbox
        from aiosmtpd.smtp import AuthResult, LoginPassword
        port, maildir = int(sys.argv[1]), sys.argv[2]
        options = {}
        if len(sys.argv) > 3:
            cert, key, user, password = sys.argv[3:7]
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            def authenticate(server, session, envelope, mechanism, data):
                ok = isinstance(data, LoginPassword) and data.login.decode() == user and data.password.decode() == password
                return AuthResult(success=ok, handled=False)
            options = dict(tls_context=context, require_starttls=True, authenticator=authenticate, auth_required=True)
        controller = Controller(Mailbox(maildir), hostname="127.0.0.1", port=port, **options)
        controller.start()
        print("ready", flush=True)
        sys.stdin.read()
        controller.stop()
        """;

    // Every message of a Maildir (or every .eml of a folder) as JSON: headers decoded, both parts, the attachments,
    // and the bytes as received (read as stored: re-serializing with Python would refold the headers).
    private const string Decode = """
        import email, email.policy, glob, json, mailbox, os, sys
        path = sys.argv[1]
        if os.path.isdir(os.path.join(path, "cur")):
            box = mailbox.Maildir(path, factory=None)
            raws = [box.get_bytes(key) for key in box.keys()]
        else:
            raws = [open(f, "rb").read() for f in sorted(glob.glob(os.path.join(path, "*.eml")))]
        out = []
        for raw in raws:
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            body = lambda t: (msg.get_body(preferencelist=(t,)) or None)
            to = msg["To"].addresses
            att = [{"filename": p.get_filename(), "type": p.get_content_type(), "hex": p.get_payload(decode=True).hex()} for p in msg.iter_attachments()]
            out.append({"toName": to[0].display_name, "toAddress": to[0].addr_spec, "toCount": len(to), "from": str(msg["From"]),
                        "subject": str(msg["Subject"]), "messageId": str(msg["Message-ID"]), "type": msg.get_content_type(),
                        "text": body("plain").get_content() if body("plain") else None,
                        "html": body("html").get_content() if body("html") else None,
                        "attachments": att, "raw": raw.decode("ascii", "replace")})
        print(json.dumps(out, ensure_ascii=False))
        """;

    private readonly Process process;

    private MailServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts a server; with a certificate and credentials it requires STARTTLS and that user.</summary>
    public static async Task<MailServer> StartAsync(string maildir, (string Cert, string Key)? certificate = null, (string User, string Password)? login = null)
    {
        SystemTools.Require(Python, "python3");
        SystemTools.Require(AiosmtpdModule, "python3-aiosmtpd");
        var port = FreePort();
        var info = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", Serve, port.ToString(System.Globalization.CultureInfo.InvariantCulture), maildir })
        {
            info.ArgumentList.Add(arg);
        }

        if (certificate is { } tls && login is { } user)
        {
            foreach (var arg in new[] { tls.Cert, tls.Key, user.User, user.Password })
            {
                info.ArgumentList.Add(arg);
            }
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("aiosmtpd did not start.");
        var server = new MailServer(process, port);
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(Jobs.Wait.DefaultSeconds));
        if (ready != "ready")
        {
            server.Dispose();
            throw new InvalidOperationException("aiosmtpd did not start: " + await process.StandardError.ReadToEndAsync());
        }

        return server;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    /// <summary>Waits until <paramref name="expected"/> messages are there (a deadline, not a fixed wait) and decodes them.</summary>
    public static async Task<List<JsonElement>> ReceivedAsync(string path, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(Decode);
            info.ArgumentList.Add(path);
            info.Environment["PYTHONIOENCODING"] = "utf-8";
            using var decoder = Process.Start(info)!;
            var output = await decoder.StandardOutput.ReadToEndAsync();
            var error = await decoder.StandardError.ReadToEndAsync();
            await decoder.WaitForExitAsync();
            Assert.True(decoder.ExitCode == 0, error);
            var messages = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
            if (messages.Count >= expected || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, messages.Count);
                return messages;
            }

            await Task.Delay(200);
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A self-signed certificate for 127.0.0.1 as PEM files, and its SHA-256 fingerprint (hex).</summary>
    public static ((string Cert, string Key) Files, string Fingerprint) WriteSelfSignedCertificate(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var cert = Path.Combine(folder, "smtp-cert.pem");
        var keyFile = Path.Combine(folder, "smtp-key.pem");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return ((cert, keyFile), Convert.ToHexString(SHA256.HashData(certificate.RawData)));
    }

    public sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "InvestmentCrm.Web";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
