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

    public sealed class SmtpSettings
    {
        /// <summary>Empty: write to <see cref="PickupDirectory"/> instead of talking to a server.</summary>
        public string? Host { get; set; }

        public int Port { get; set; } = 25;

        /// <summary>Upgrade the connection with STARTTLS before authenticating.</summary>
        public bool StartTls { get; set; }

        public string? UserName { get; set; }

        public string? Password { get; set; }

        public int TimeoutSeconds { get; set; } = 30;
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

        /// <summary>How long a claimed message stays with one sender before another may take it over.</summary>
        public int LeaseSeconds { get; set; } = 300;
    }

    public sealed class DigestSettings
    {
        /// <summary>Quartz cron expression of the weekly digest.</summary>
        public string Cron { get; set; } = "0 0 8 ? * MON";

        public string TimeZone { get; set; } = "Asia/Shanghai";

        /// <summary>Attach the chain-gap summary PDF to leaders' digests.</summary>
        public bool AttachChainGapPdf { get; set; } = true;

        /// <summary>Rows shown per list before "and N more".</summary>
        public int MaxRowsPerSection { get; set; } = 15;
    }
}
