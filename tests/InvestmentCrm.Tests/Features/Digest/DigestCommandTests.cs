using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Features.Digest;

/// <summary><c>digest --week YYYY-Www [--dry-run]</c> on a seeded SQLite file, mail going to a pickup directory.</summary>
public sealed class DigestCommandTests : IAsyncLifetime
{
    private readonly TempDirectory folder = new("crm-digest-cli");

    private string DatabasePath => folder.File("cli.db");

    private string Mail => folder.File("mail");

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await Support.Cli.RunAsync(DatabasePath, "migrate")).ExitCode);
        var db = new Db(new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = SqliteDialect.NormalizeConnectionString($"Data Source={DatabasePath}", folder.Path),
        });
        await new DigestWorld(db).SeedAsync();
    }

    public Task DisposeAsync()
    {
        folder.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("2026-48")]
    [InlineData("2025-W53")]
    [InlineData("2026-W00")]
    public async Task A_bad_week_is_refused_with_a_localized_message_and_exit_code_2(string week)
    {
        var result = await RunAsync("zh-CN", "digest", "--week", week);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"周次“{week}”无效", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Mail));
    }

    [Fact]
    public async Task Dry_run_prints_recipients_subjects_and_counts_and_changes_nothing()
    {
        var result = await RunAsync("en", "digest", "--week", "2026-W48", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("staff1@crm.example\t招商工作周报 2026-W48", result.Out, StringComparison.Ordinal);
        // staff1 follows SEW, but its only new project (XM-005) is another team's: "new 0".
        Assert.Contains("stage changes 2, new 0, signings 1, overdue 1, due in the coming week 1, red 1, yellow 1", result.Out, StringComparison.Ordinal);
        Assert.Contains("leader@crm.example\tWeekly digest 2026-W48", result.Out, StringComparison.Ordinal);
        Assert.Contains("4 would be sent, 0 already sent", result.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Mail));
        var again = await RunAsync("en", "digest", "--week", "2026-W48", "--dry-run");
        Assert.Contains("4 would be sent, 0 already sent", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_a_week_twice_delivers_each_digest_once()
    {
        var first = await RunAsync("en", "digest", "--week", "2026-W48");
        var second = await RunAsync("en", "digest", "--week", "2026-W48");

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains("4 queued now, 0 already sent, 0 failed; delivered now 4", first.Out, StringComparison.Ordinal);
        Assert.Contains("0 queued now, 4 already sent, 0 failed; delivered now 0", second.Out, StringComparison.Ordinal);
        Assert.Equal(4, Directory.GetFiles(Mail, "*.eml").Length);
    }

    [Fact]
    public async Task Without_a_base_url_the_links_of_digests_sent_over_smtp_follow_the_urls_the_app_is_started_with()
    {
        var maildir = folder.File("maildir");
        using var server = await InvestmentCrm.Tests.Infrastructure.Mail.MailServer.StartAsync(maildir);

        // As `URLS=http://127.0.0.1:5123 ./run.sh` sets it; App:BaseUrl is not set.
        var result = await RunAsync("en", new Dictionary<string, string?>
        {
            ["App:BaseUrl"] = null,
            ["urls"] = "http://127.0.0.1:5123",
            ["Email:PickupDirectory"] = null,
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, "digest", "--week", "2026-W48");

        Assert.Equal(0, result.ExitCode);
        var messages = await InvestmentCrm.Tests.Infrastructure.Mail.MailServer.ReceivedAsync(maildir, expected: 4);
        var html = messages.Single(m => m.GetProperty("toAddress").GetString() == "staff1@crm.example").GetProperty("html").GetString()!;
        Assert.Contains("href=\"http://127.0.0.1:5123/projects/", html, StringComparison.Ordinal);
        Assert.Contains("href=\"http://127.0.0.1:5123/account/profile\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost:5000", html, StringComparison.Ordinal);
    }

    private Task<Support.Cli.Result> RunAsync(string culture, params string[] args) => RunAsync(culture, new Dictionary<string, string?>(), args);

    private async Task<Support.Cli.Result> RunAsync(string culture, Dictionary<string, string?> settings, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, builder =>
        {
            builder.Configuration["ConnectionStrings:Default"] = $"Data Source={DatabasePath}";
            builder.Configuration["Database:Provider"] = "Sqlite";
            builder.Configuration["Email:PickupDirectory"] = Mail;
            builder.Configuration["App:BaseUrl"] = "https://crm.example";
            foreach (var (key, value) in settings)
            {
                builder.Configuration[key] = value;
            }
        }, culture);
        return new Support.Cli.Result(code, stdout.ToString(), stderr.ToString());
    }
}
