using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace InvestmentCrm.Web.Infrastructure.Mail;

/// <summary>One message as the outbox holds it: HTML with a plain-text alternative and optional attachments.</summary>
public sealed record EmailMessage(
    string MessageId,
    string ToAddress,
    string? ToName,
    string Subject,
    string HtmlBody,
    string TextBody,
    IReadOnlyList<EmailAttachment> Attachments);

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Hands a message to the mail system; throws when it was not accepted (the outbox then retries).</summary>
public interface IEmailTransport
{
    Task SendAsync(EmailMessage message, CancellationToken ct);

    /// <summary>
    /// A delivery for many messages, one after another (the outbox's batches): a transport that connects to a
    /// server keeps one connection for all of them. By default each message is sent on its own.
    /// </summary>
    Task<IEmailDelivery> OpenAsync(CancellationToken ct) => Task.FromResult<IEmailDelivery>(new OneByOne(this));

    private sealed class OneByOne(IEmailTransport transport) : IEmailDelivery
    {
        public Task SendAsync(EmailMessage message, CancellationToken ct) => transport.SendAsync(message, ct);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Messages sent one after another over what <see cref="IEmailTransport.OpenAsync"/> opened; disposing closes it.</summary>
public interface IEmailDelivery : IAsyncDisposable
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

/// <summary>
/// MailKit's SMTP client to the configured server (TLS as <c>Email:Smtp:Security</c> says, authentication when a
/// user name is set), or, with no <c>Email:Smtp:Host</c>, one .eml file per Message-ID in
/// <c>Email:PickupDirectory</c>, so the app works without a mail server and a message written twice is one file.
/// Messages are built with MimeKit: addresses from its address types (a display name with quotes or Chinese is
/// quoted and encoded, never pasted into the header), Chinese subjects encoded per RFC 2047 and attachment names
/// per RFC 2231.
/// </summary>
public sealed class MailKitEmailTransport(IOptions<EmailOptions> options, IHostEnvironment environment) : IEmailTransport
{
    private EmailOptions Settings => options.Value;

    public string PickupDirectory => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory));

    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        await using var delivery = new Delivery(this);
        await delivery.SendAsync(message, ct);
    }

    public Task<IEmailDelivery> OpenAsync(CancellationToken ct) => Task.FromResult<IEmailDelivery>(new Delivery(this));

    /// <summary>
    /// One SMTP connection for a run of messages, opened with the first and kept for the next (connecting,
    /// STARTTLS and signing in cost more than sending a digest). After a failed or cancelled send the connection is
    /// in an unknown state: it is dropped and the next message connects afresh.
    /// </summary>
    private sealed class Delivery(MailKitEmailTransport transport) : IEmailDelivery
    {
        private SmtpClient? client;

        public async Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            var settings = transport.Settings;
            using var mime = ToMimeMessage(message, settings);
            if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
            {
                await transport.WritePickupFileAsync(mime, message.MessageId, ct);
                return;
            }

            try
            {
                client ??= await ConnectAsync(settings.Smtp, ct);
                await client.SendAsync(mime, ct);
            }
            catch
            {
                client?.Dispose();
                client = null;
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (client is null)
            {
                return;
            }

            try
            {
                if (client.IsConnected)
                {
                    using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(transport.Settings.Smtp.TimeoutSeconds));
                    await client.DisconnectAsync(quit: true, quit.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.CommandException or OperationCanceledException)
            {
                // Every message was accepted already; a QUIT the server does not answer changes nothing.
            }
            finally
            {
                client.Dispose();
                client = null;
            }
        }

        private static async Task<SmtpClient> ConnectAsync(EmailOptions.SmtpSettings smtp, CancellationToken ct)
        {
            var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
            try
            {
                if (!string.IsNullOrWhiteSpace(smtp.CertificateSha256))
                {
                    var pin = NormalizeFingerprint(smtp.CertificateSha256);
                    client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                        errors == System.Net.Security.SslPolicyErrors.None || (certificate is not null && Fingerprint(certificate) == pin);
                }

                await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.EffectiveSecurity, ct);
                if (!string.IsNullOrEmpty(smtp.UserName))
                {
                    await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, ct);
                }

                return client;
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }
    }

    /// <summary>multipart/mixed { multipart/alternative { text/plain, text/html }, attachments… }, all UTF-8.</summary>
    public static MimeMessage ToMimeMessage(EmailMessage message, EmailOptions settings)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = message.MessageId.Trim().TrimStart('<').TrimEnd('>'),
        };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.From));
        mime.To.Add(new MailboxAddress(message.ToName ?? string.Empty, message.ToAddress));
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var attachment in message.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>
    /// Writes the message as <c>MESSAGE-ID.eml</c>, through a temporary file that replaces it in one step: a
    /// second delivery of the same message (a rerun after a crash) overwrites the file, and a reader never sees
    /// half a message.
    /// </summary>
    private async Task WritePickupFileAsync(MimeMessage mime, string messageId, CancellationToken ct)
    {
        Directory.CreateDirectory(PickupDirectory);
        var path = Path.Combine(PickupDirectory, FileNameOf(messageId));
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            // 7-bit transfer encodings, as a relay that later picks the file up may not speak 8BITMIME.
            mime.Prepare(EncodingConstraint.SevenBit);
            await using (var stream = File.Create(temporary))
            {
                await mime.WriteToAsync(stream, ct);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The Message-ID as a file name: letters, digits and <c>@._-</c> kept, anything else <c>_</c>.</summary>
    public static string FileNameOf(string messageId)
    {
        var name = new StringBuilder(messageId.Length + 4);
        foreach (var c in messageId.Trim('<', '>'))
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '@' or '.' or '_' or '-' ? c : '_');
        }

        return name.Append(".eml").ToString();
    }

    /// <summary>"AB:cd:…" → "ABCD…": the form <see cref="Fingerprint"/> compares.</summary>
    public static string NormalizeFingerprint(string text) =>
        text.Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    private static string Fingerprint(X509Certificate certificate) =>
        Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
}
