using InvestmentCrm.Tests.Support;
using Dapper;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Digest;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Mail;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Tests.Features.Digest;

/// <summary>A test class on a freshly seeded <see cref="DigestWorld"/>, run once per database provider (the SQL Server
/// run is skipped without a server).</summary>
public abstract class DigestWorldTests(DatabaseProvider provider) : IAsyncLifetime
{
    private ProviderDatabase? database;
    private DigestWorld? world;

    protected DigestWorld World => world!;

    public async Task InitializeAsync()
    {
        if (provider == DatabaseProvider.Sqlite || SqlServerTarget.ConnectionString is not null)
        {
            database = await ProviderDatabase.CreateAsync(provider);
            world = new DigestWorld(database.Db);
            await world.SeedAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}

/// <summary>A clock that stands still until a test moves it.</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>Records what it was asked to send; fails the first <see cref="FailuresLeft"/> times.</summary>
public sealed class FakeTransport : IEmailTransport
{
    private readonly List<EmailMessage> sent = [];

    public int FailuresLeft { get; set; }

    public string FailureMessage { get; set; } = "451 4.3.0 Mail server temporarily unavailable";

    public int Calls { get; private set; }

    public IReadOnlyList<EmailMessage> Sent
    {
        get
        {
            lock (sent)
            {
                return [.. sent];
            }
        }
    }

    public Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        lock (sent)
        {
            Calls++;
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new MailKit.Net.Smtp.SmtpCommandException(
                    MailKit.Net.Smtp.SmtpErrorCode.MessageNotAccepted, MailKit.Net.Smtp.SmtpStatusCode.MailboxBusy, FailureMessage);
            }

            sent.Add(message);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Stands in for the gap analyser and the chain-gap PDF (built by other features): SEW's HANG is the top gap and
/// opened this week, CUT closed; the PDF is a small fixed document.
/// </summary>
public sealed class FakeGapSource : IGapDigestSource
{
    public static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    public int PdfRequests { get; private set; }

    public Task<ChainGapDigest?> ChainAsync(string chainCode, IsoWeekId week, int top, CancellationToken ct) =>
        Task.FromResult<ChainGapDigest?>(new ChainGapDigest(chainCode, "缝制设备产业链",
            [new GapDigestItem("HANG", "智能吊挂系统", "missing", 1, 0.91), new GapDigestItem("SERVO", "伺服电控", "weak", 2, 0.42)],
            [new GapDigestItem("HANG", "智能吊挂系统", "missing", 1, 0.91)],
            [new GapDigestItem("CUT", "自动裁床", "covered", null, null, "Automatic cutting")],
            "Sewing equipment",
            PreviousDigestUtc));

    /// <summary>When the previous digest kept its snapshot: Monday 23 November 2026, 08:00 in Shanghai.</summary>
    public static readonly DateTime PreviousDigestUtc = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    public int Baselines { get; private set; }

    public Task RecordBaselineAsync(CancellationToken ct)
    {
        Baselines++;
        return Task.CompletedTask;
    }

    public Task<EmailAttachment?> ChainPdfAsync(string chainCode, string culture, CancellationToken ct)
    {
        PdfRequests++;
        return Task.FromResult<EmailAttachment?>(new EmailAttachment(FileName(chainCode), "application/pdf", Pdf));
    }

    /// <summary>Named like the real report's attachment: Chinese, so the transport must encode it (RFC 2231).</summary>
    public static string FileName(string chainCode) => $"产业链缺口分析报告-{chainCode}-2026-11.pdf";
}

/// <summary>
/// The digest services wired by hand on a database, with a fixed clock, and a seeded week: 2026-W48
/// (Monday 23 – Sunday 29 November 2026, Asia/Shanghai), the digest run on Monday 30 November at 08:00.
/// </summary>
public sealed class DigestWorld
{
    public static readonly IsoWeekId Week = new(2026, 48);

    /// <summary>Monday 30 November 2026, 08:00 in Shanghai.</summary>
    public static readonly DateTimeOffset RunAt = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    public DigestWorld(IDb db, IEmailTransport? transport = null, Action<EmailOptions>? configure = null, IGapDigestSource? gaps = null)
    {
        Gaps = gaps;
        Db = db;
        Clock = new FakeClock(RunAt);
        Transport = transport ?? new FakeTransport();
        var emailOptions = new EmailOptions { From = "digest@crm.example" };
        configure?.Invoke(emailOptions);
        EmailOptions = Options.Create(emailOptions);
        var app = Options.Create(new AppOptions { BaseUrl = "https://crm.example/", TimeZone = "Asia/Shanghai" });
        Builder = new DigestBuilder(db, app, EmailOptions, ProjectOptions, gaps);
        Renderer = new DigestRenderer(UiStrings.LoadEmbedded(), app);
        Scheduler = NewScheduler(app);
        Sender = new OutboxSender(db, Transport, Clock, EmailOptions, NullLogger<OutboxSender>.Instance);
        App = app;
    }

    public IDb Db { get; }

    public IGapDigestSource? Gaps { get; }

    public FakeClock Clock { get; }

    public IEmailTransport Transport { get; }

    public IOptions<EmailOptions> EmailOptions { get; }

    public IOptions<AppOptions> App { get; }

    /// <summary>The default 三色 thresholds: yellow after 30 days without a follow-up, red after 60.</summary>
    public IOptions<ProjectOptions> ProjectOptions { get; } = Options.Create(new ProjectOptions());

    public DigestBuilder Builder { get; }

    public DigestRenderer Renderer { get; }

    public DigestScheduler Scheduler { get; }

    public OutboxSender Sender { get; }

    /// <summary>A second, independent scheduler on the same database: another node.</summary>
    public DigestScheduler NewScheduler(IOptions<AppOptions>? app = null)
    {
        app ??= App;
        return new DigestScheduler(Db, new DigestBuilder(Db, app, EmailOptions, ProjectOptions, Gaps), new DigestRenderer(UiStrings.LoadEmbedded(), app),
            new Outbox(Clock), Clock, EmailOptions, app, NullLogger<DigestScheduler>.Instance);
    }

    public async Task<DigestRecipient> RecipientAsync(string email) =>
        (await Builder.RecipientsAsync(CancellationToken.None)).Single(r => r.Email == email);

    public async Task<DigestContent> ContentAsync(string email, IsoWeekId? week = null) =>
        await Builder.BuildAsync(await RecipientAsync(email), week ?? Week, CancellationToken.None);

    public async Task<long> CountAsync(string table) => await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");

    /// <summary>
    /// Teams 招商一科/招商二科; admin, leader (English), staff1 (Chinese, follows SEW), staff2 (English), a disabled
    /// user and one who turned digests off; seven projects whose figures the tests below add up.
    /// </summary>
    public async Task SeedAsync()
    {
        var created = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
        await using var connection = await Db.OpenAsync();
        var team1 = await InsertAsync(connection, "INSERT INTO Teams (Name, CreatedAtUtc) VALUES (@Name, @CreatedAtUtc)", new { Name = "招商一科", CreatedAtUtc = created });
        var team2 = await InsertAsync(connection, "INSERT INTO Teams (Name, CreatedAtUtc) VALUES (@Name, @CreatedAtUtc)", new { Name = "招商二科", CreatedAtUtc = created });

        var admin = await UserAsync(connection, "admin@crm.example", "系统管理员", "ADMIN", null, "zh-CN");
        var leader = await UserAsync(connection, "leader@crm.example", "Wang Jianguo", "LEADER", null, "en");
        var staff1 = await UserAsync(connection, "staff1@crm.example", "李招商", "STAFF", team1, "zh-CN");
        var staff2 = await UserAsync(connection, "staff2@crm.example", "Chen Xiaoyan", "STAFF", team2, "en");
        var disabled = await UserAsync(connection, "gone@crm.example", "离职人员", "STAFF", team1, "zh-CN", disabled: true);
        var quiet = await UserAsync(connection, "quiet@crm.example", "不订阅", "STAFF", team2, "zh-CN");
        await connection.ExecuteAsync("INSERT INTO UserEmailPreferences (UserId, DigestEnabled, UpdatedAtUtc) VALUES (@UserId, 0, @Now)", new { UserId = quiet, Now = created });
        _ = (admin, leader, disabled);

        var chain = await InsertAsync(connection, "INSERT INTO Chains (Code, Name, NameEn, Version, CreatedAtUtc, UpdatedAtUtc) VALUES ('SEW', '缝制设备产业链', 'Sewing equipment', 1, @Now, @Now)", new { Now = created });
        var hang = await InsertAsync(connection, "INSERT INTO ChainNodes (ChainId, Code, Name, NameEn, Segment, IsKey, SortOrder) VALUES (@ChainId, 'HANG', '智能吊挂系统', 'Intelligent hanging systems', 'midstream', 1, 1)", new { ChainId = chain });
        await connection.ExecuteAsync("INSERT INTO UserFollowedChains (UserId, ChainId) VALUES (@UserId, @ChainId)", new { UserId = staff1, ChainId = chain });

        var yina = await EnterpriseAsync(connection, "91331000MA2XXXXX1A", "浙江衣拿智能科技有限公司");
        var jack = await EnterpriseAsync(connection, "91331000MA2XXXXX2B", "杰克科技股份有限公司");

        // staff1: moved to negotiation this week (and earlier, outside the week, to contacted)
        var p1 = await ProjectAsync(connection, "XM-001", "智能吊挂系统生产基地", yina, "negotiation", staff1, team1, new DateTime(2026, 10, 1, 2, 0, 0, DateTimeKind.Utc), new DateOnly(2026, 11, 25));
        await StageAsync(connection, p1, "lead", "contacted", new DateTime(2026, 11, 10, 2, 0, 0, DateTimeKind.Utc));
        await StageAsync(connection, p1, "contacted", "negotiation", new DateTime(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc));
        // staff1: signed on Thursday of the week, 52000 万元
        var p2 = await ProjectAsync(connection, "XM-002", "伺服电机扩产项目", jack, "signed", staff1, team1, new DateTime(2026, 6, 1, 2, 0, 0, DateTimeKind.Utc), new DateOnly(2026, 11, 26),
            signedOn: new DateOnly(2026, 11, 26), contracted: 52000m);
        await StageAsync(connection, p2, "negotiation", "signed", new DateTime(2026, 11, 26, 6, 0, 0, DateTimeKind.Utc));
        // staff1: red (last follow-up 81 days before the end of the week) and yellow (41 days)
        await ProjectAsync(connection, "XM-003", "缝纫机零部件配套项目", jack, "lead", staff1, team1, new DateTime(2026, 9, 1, 2, 0, 0, DateTimeKind.Utc), new DateOnly(2026, 9, 10));
        await ProjectAsync(connection, "XM-004", "裁床设备项目", yina, "contacted", staff1, team1, new DateTime(2026, 9, 1, 2, 0, 0, DateTimeKind.Utc), new DateOnly(2026, 10, 20));
        // staff2: new this week, targeting SEW:HANG (staff1 follows SEW); lost (never stale); started, signed in March, idle 29 days
        var p5 = await ProjectAsync(connection, "XM-005", "吊挂系统研发中心", yina, "lead", staff2, team2, new DateTime(2026, 11, 24, 3, 0, 0, DateTimeKind.Utc), null);
        await connection.ExecuteAsync("INSERT INTO ProjectNodes (ProjectId, NodeId) VALUES (@ProjectId, @NodeId)", new { ProjectId = p5, NodeId = hang });
        await ProjectAsync(connection, "XM-006", "流失项目", jack, "lost", staff2, team2, new DateTime(2026, 2, 1, 2, 0, 0, DateTimeKind.Utc), new DateOnly(2026, 3, 1));
        await ProjectAsync(connection, "XM-007", "缝制设备总部", jack, "started", staff2, team2, new DateTime(2026, 2, 1, 2, 0, 0, DateTimeKind.Utc), new DateOnly(2026, 11, 1),
            signedOn: new DateOnly(2026, 3, 15), contracted: 8000m);

        // follow-ups: overdue, due in the week the digest arrives, done (not overdue), staff2's overdue
        await ActivityAsync(connection, p1, "寄送投资协议草案", new DateOnly(2026, 11, 20), done: false);
        await ActivityAsync(connection, p1, "安排董事长实地考察", new DateOnly(2026, 12, 2), done: false);
        await ActivityAsync(connection, p2, "签约仪式新闻稿", new DateOnly(2026, 11, 10), done: true);
        await ActivityAsync(connection, p5, "Send the land survey", new DateOnly(2026, 11, 27), done: false);

        await connection.ExecuteAsync("INSERT INTO TeamTargets (Year, TeamId, TargetWan, UpdatedAtUtc) VALUES (2026, NULL, 100000, @Now)", new { Now = created });
        await connection.ExecuteAsync("INSERT INTO TeamTargets (Year, TeamId, TargetWan, UpdatedAtUtc) VALUES (2026, @TeamId, 60000, @Now)", new { TeamId = team1, Now = created });
        await connection.ExecuteAsync("INSERT INTO TeamTargets (Year, TeamId, TargetWan, UpdatedAtUtc) VALUES (2026, @TeamId, 40000, @Now)", new { TeamId = team2, Now = created });
    }

    private async Task<long> InsertAsync(System.Data.Common.DbConnection connection, string sql, object args) =>
        await connection.ExecuteScalarAsync<long>(sql + ";\n" + Db.Dialect.SelectNewId, args);

    /// <summary>Another active Staff member with digests on, owning no project.</summary>
    public async Task<long> AddStaffAsync(string email, string name)
    {
        await using var connection = await Db.OpenAsync();
        return await UserAsync(connection, email, name, "STAFF", null, "zh-CN");
    }

    private async Task<long> UserAsync(System.Data.Common.DbConnection connection, string email, string name, string role, long? teamId, string culture, bool disabled = false)
    {
        var id = await InsertAsync(connection, """
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, DisplayName, SecurityStamp, ConcurrencyStamp,
                               LockoutEnabled, AccessFailedCount, IsDisabled, TeamId, Culture, CreatedAtUtc)
            VALUES (@Email, @Normalized, @Email, @Normalized, 1, @Name, 'stamp', 'stamp', 1, 0, @Disabled, @TeamId, @Culture, @Now)
            """, new { Email = email, Normalized = email.ToUpperInvariant(), Name = name, Disabled = disabled, TeamId = teamId, Culture = culture, Now = DateTime.UtcNow });
        await connection.ExecuteAsync("INSERT INTO UserRoles (UserId, RoleId) SELECT @UserId, Id FROM Roles WHERE NormalizedName = @Role", new { UserId = id, Role = role });
        return id;
    }

    private async Task<long> EnterpriseAsync(System.Data.Common.DbConnection connection, string uscc, string name) =>
        await InsertAsync(connection, """
            INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, Version, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Uscc, @Name, @Name, 'prospect', 1, @Now, @Now)
            """, new { Uscc = uscc, Name = name, Now = DateTime.UtcNow });

    private async Task<long> ProjectAsync(System.Data.Common.DbConnection connection, string code, string title, long enterpriseId, string stage, long ownerId, long teamId,
        DateTime createdAtUtc, DateOnly? lastActivityOn, DateOnly? signedOn = null, decimal? contracted = null) =>
        await InsertAsync(connection, """
            INSERT INTO Projects (Code, Title, EnterpriseId, Stage, Source, OwnerUserId, TeamId, Priority, PlannedInvestmentWan, SignedOn, ContractedInvestmentWan,
                                  LastActivityOn, Version, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Code, @Title, @EnterpriseId, @Stage, 'referral', @OwnerId, @TeamId, 2, @Planned, @SignedOn, @Contracted, @LastActivityOn, 1, @CreatedAtUtc, @CreatedAtUtc)
            """, new { Code = code, Title = title, EnterpriseId = enterpriseId, Stage = stage, OwnerId = ownerId, TeamId = teamId, Planned = 30000m, SignedOn = signedOn,
                Contracted = contracted, LastActivityOn = lastActivityOn, CreatedAtUtc = createdAtUtc });

    private static Task StageAsync(System.Data.Common.DbConnection connection, long projectId, string from, string to, DateTime atUtc) =>
        connection.ExecuteAsync("INSERT INTO ProjectStageChanges (ProjectId, FromStage, ToStage, ChangedAtUtc) VALUES (@ProjectId, @From, @To, @At)",
            new { ProjectId = projectId, From = from, To = to, At = atUtc });

    private static Task ActivityAsync(System.Data.Common.DbConnection connection, long projectId, string nextStep, DateOnly dueOn, bool done) =>
        connection.ExecuteAsync("""
            INSERT INTO Activities (ProjectId, Kind, OccurredOn, Summary, NextStep, NextStepDueOn, NextStepDoneAtUtc, CreatedAtUtc)
            VALUES (@ProjectId, 'call', @OccurredOn, '电话沟通', @NextStep, @DueOn, @DoneAt, @Now)
            """, new { ProjectId = projectId, OccurredOn = dueOn.AddDays(-7), NextStep = nextStep, DueOn = dueOn, DoneAt = done ? DateTime.UtcNow : (DateTime?)null, Now = DateTime.UtcNow });
}

/// <summary>The database, counting the statements and connections asked of it.</summary>
public sealed class CountingDb(IDb inner) : IDb
{
    private int calls;

    public int Calls => calls;

    public ISqlDialect Dialect => inner.Dialect;

    public Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken ct = default) => Count(inner.OpenAsync(ct));

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null, CancellationToken ct = default) => Count(inner.QueryAsync<T>(sql, param, ct));

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param = null, CancellationToken ct = default) => Count(inner.QuerySingleOrDefaultAsync<T>(sql, param, ct));

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? param = null, CancellationToken ct = default) => Count(inner.ExecuteScalarAsync<T>(sql, param, ct));

    public Task<int> ExecuteAsync(string sql, object? param = null, CancellationToken ct = default) => Count(inner.ExecuteAsync(sql, param, ct));

    public Task<T> InTransactionAsync<T>(Func<DbSession, Task<T>> work, CancellationToken ct = default) => Count(inner.InTransactionAsync(work, ct));

    private Task<T> Count<T>(Task<T> call)
    {
        Interlocked.Increment(ref calls);
        return call;
    }
}
