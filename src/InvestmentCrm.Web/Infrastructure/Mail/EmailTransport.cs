using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

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
}

/// <summary>
/// <see cref="SmtpClient"/> to the configured server (STARTTLS and credentials optional), or, with no
/// <c>Email:Smtp:Host</c>, .eml files in <c>Email:PickupDirectory</c> so the app works without a mail server.
/// </summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options, IHostEnvironment environment) : IEmailTransport
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        using var mail = ToMailMessage(message, settings);
        using var client = CreateClient(settings);
        await client.SendMailAsync(mail, ct);
    }

    public string PickupDirectory => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory));

    private SmtpClient CreateClient(EmailOptions settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            Directory.CreateDirectory(PickupDirectory);
            return new SmtpClient
            {
                DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                PickupDirectoryLocation = PickupDirectory,
            };
        }

        var client = new SmtpClient(settings.Smtp.Host, settings.Smtp.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = settings.Smtp.StartTls,
            Timeout = settings.Smtp.TimeoutSeconds * 1000,
        };
        if (!string.IsNullOrEmpty(settings.Smtp.UserName))
        {
            client.UseDefaultCredentials = false;
            client.Credentials = new NetworkCredential(settings.Smtp.UserName, settings.Smtp.Password);
        }

        return client;
    }

    /// <summary>multipart/mixed { multipart/alternative { text/plain, text/html }, attachments… }, all UTF-8.</summary>
    public static MailMessage ToMailMessage(EmailMessage message, EmailOptions settings)
    {
        var mail = new MailMessage
        {
            From = new MailAddress(settings.From, settings.FromName, Encoding.UTF8),
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = message.TextBody,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.Base64,
            IsBodyHtml = false,
        };
        mail.To.Add(new MailAddress(message.ToAddress, message.ToName, Encoding.UTF8));
        mail.Headers.Add("Message-ID", message.MessageId);
        var html = AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html);
        html.TransferEncoding = TransferEncoding.Base64;
        mail.AlternateViews.Add(html);
        foreach (var attachment in message.Attachments)
        {
            // The stream is owned by the attachment and disposed with the message.
            mail.Attachments.Add(new Attachment(new MemoryStream(attachment.Content, writable: false), attachment.FileName, attachment.ContentType));
        }

        return mail;
    }
}
