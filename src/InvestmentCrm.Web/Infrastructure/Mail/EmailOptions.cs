using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace InvestmentCrm.Web.Infrastructure.Mail;

/// <summary>The <c>Email</c> section of configuration (documented in appsettings.example.json).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>Sender address of every message.</summary>
    public string From { get; set; } = "noreply@investmentcrm.local";

    public string FromName { get; set; } = "InvestmentCrm";

    /// <summary>Used when no SMTP host is configured: each message becomes an .eml file here (relative to the content root).</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    public SmtpSettings Smtp { get; set; } = new();

    public OutboxSettings Outbox { get; set; } = new();

    public DigestSettings Digest { get; set; } = new();

    public static void Add(IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidation>();
    }

    public sealed class SmtpSettings
    {
        /// <summary>Empty: write to <see cref="PickupDirectory"/> instead of talking to a server.</summary>
        public string? Host { get; set; }

        public int Port { get; set; } = 25;

        /// <summary>
        /// None, StartTls (upgrade or fail), StartTlsWhenAvailable, SslOnConnect (implicit TLS, port 465), or Auto:
        /// SslOnConnect on 465, otherwise STARTTLS when the server offers it.
        /// </summary>
        public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

        /// <summary>Older setting, kept working: true means <see cref="Security"/> = StartTls.</summary>
        public bool StartTls { get; set; }

        /// <summary>
        /// SHA-256 fingerprint (hex) of the server's certificate, for an intranet relay whose certificate no trusted CA
        /// signed: that certificate is then accepted, and no other untrusted one.
        /// </summary>
        public string? CertificateSha256 { get; set; }

        public string? UserName { get; set; }

        public string? Password { get; set; }

        /// <summary>Longest wait for the server at each step (connect, each command, the message data).</summary>
        public int TimeoutSeconds { get; set; } = 30;

        public SecureSocketOptions EffectiveSecurity => StartTls && Security == SecureSocketOptions.Auto ? SecureSocketOptions.StartTls : Security;
    }

    public sealed class OutboxSettings
    {
        /// <summary>Attempts before a message is marked failed (shown to administrators).</summary>
        public int MaxAttempts { get; set; } = 8;

        /// <summary>Wait after the first failure; doubles with each further failure.</summary>
        public int FirstRetrySeconds { get; set; } = 60;

        /// <summary>Longest wait between two attempts.</summary>
        public int MaxRetrySeconds { get; set; } = 6 * 3600;

        /// <summary>Messages sent per run of the sender job.</summary>
        public int BatchSize { get; set; } = 50;

        /// <summary>
        /// How long a claimed ("sending") message stays with its sender. The send itself is cut off a minute before
        /// the lease ends, so when another sender takes over a message whose sender died, the first attempt has
        /// certainly completed or failed.
        /// </summary>
        public int LeaseSeconds { get; set; } = 300;

        /// <summary>How long one delivery attempt may take before it is cancelled: the lease less a minute.</summary>
        public TimeSpan AttemptTimeout => TimeSpan.FromSeconds(Math.Max(1, LeaseSeconds - 60));
    }

    public sealed class DigestSettings
    {
        /// <summary>Attach the chain-gap summary PDF to leaders' digests.</summary>
        public bool AttachChainGapPdf { get; set; } = true;

        /// <summary>Rows shown per list before "and N more".</summary>
        public int MaxRowsPerSection { get; set; } = 15;
    }
}

/// <summary>Refuses an <c>Email</c> section that could not send at start-up rather than at the first digest.</summary>
public sealed class EmailOptionsValidation : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var errors = new List<string>();
        if (!MailboxAddress.TryParse(options.From, out var from) || from.Address != options.From.Trim())
        {
            errors.Add($"Email:From must be one e-mail address, not '{options.From}'.");
        }

        var smtp = options.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host) && string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            errors.Add("Email:PickupDirectory is needed when Email:Smtp:Host is empty.");
        }

        if (smtp.Port is < 1 or > 65535)
        {
            errors.Add($"Email:Smtp:Port must be between 1 and 65535, not {smtp.Port}.");
        }

        if (smtp.TimeoutSeconds is < 1 or > 600)
        {
            errors.Add($"Email:Smtp:TimeoutSeconds must be between 1 and 600, not {smtp.TimeoutSeconds}.");
        }

        if (smtp.CertificateSha256 is { Length: > 0 } pin && MailKitEmailTransport.NormalizeFingerprint(pin) is var hex && (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit)))
        {
            errors.Add("Email:Smtp:CertificateSha256 must be the certificate's SHA-256 fingerprint: 64 hex digits (colons allowed).");
        }

        if (!string.IsNullOrEmpty(smtp.Password) && string.IsNullOrEmpty(smtp.UserName))
        {
            errors.Add("Email:Smtp:Password is set but Email:Smtp:UserName is empty.");
        }

        var outbox = options.Outbox;
        if (outbox.MaxAttempts < 1 || outbox.FirstRetrySeconds < 1 || outbox.MaxRetrySeconds < outbox.FirstRetrySeconds || outbox.BatchSize is < 1 or > 1000)
        {
            errors.Add("Email:Outbox: MaxAttempts and FirstRetrySeconds must be at least 1, MaxRetrySeconds at least FirstRetrySeconds, BatchSize 1 to 1000.");
        }

        // The attempt (lease less a minute) must outlast the slowest single step, or every slow server times out.
        if (outbox.LeaseSeconds < Math.Max(120, smtp.TimeoutSeconds + 90))
        {
            errors.Add($"Email:Outbox:LeaseSeconds must be at least 120 and at least Email:Smtp:TimeoutSeconds + 90 ({smtp.TimeoutSeconds + 90}), not {outbox.LeaseSeconds}.");
        }

        if (options.Digest.MaxRowsPerSection < 1)
        {
            errors.Add("Email:Digest:MaxRowsPerSection must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
