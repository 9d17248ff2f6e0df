using System.Globalization;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Admin.Users;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Dashboard;

/// <summary>
/// The demo app at 23:30 on 31 May 2031, Shanghai time, with two new teams' signings seeded by hand (the demo's own
/// signings are in 2026, outside the year looked at), and 2031's targets replaced by: bureau 120,000, team A 60,000,
/// team B none.
/// <para>Team A (<see cref="StaffA"/>, whose <see cref="MateA"/> owns TA-3): TA-1 signed 1 January (1,000), TA-2 on
/// 31 January without a contracted amount (its planned 500 counts), TA-3 on 15 March (2,500.5), TA-6 on 31 May and
/// now on hold (800: still signed in May), TA-4 on 31 December 2030 (9,999, the year before), TA-5 in negotiation
/// (unsigned). Team B (<see cref="StaffB"/>): TB-1 on 1 February (4,321), TB-2 on 1 May (6,789).</para>
/// </summary>
public sealed class TrendApp : ProjectsApp, IAsyncLifetime
{
    public const string TeamA = "走势甲组";
    public const string TeamB = "走势乙组";
    public const string StaffA = "trend.a@demo.local";
    public const string MateA = "trend.a2@demo.local";
    public const string StaffB = "trend.b@demo.local";

    public static readonly DateTimeOffset May31At2330 = new(2031, 5, 31, 23, 30, 0, TimeSpan.FromHours(8));

    public TrendApp() => Clock.Now = May31At2330;

    public long TeamAId { get; private set; }

    public long TeamBId { get; private set; }

    public async Task InitializeAsync()
    {
        await ReadyAsync();
        using (var scope = Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            await accounts.CreateAsync(StaffA, "甲组孙立", DemoSeeder.Password, Roles.Staff, TeamA);
            await accounts.CreateAsync(MateA, "甲组钱多", DemoSeeder.Password, Roles.Staff, TeamA);
            await accounts.CreateAsync(StaffB, "乙组周全", DemoSeeder.Password, Roles.Staff, TeamB);
        }

        TeamAId = await ScalarAsync<long>("SELECT Id FROM Teams WHERE Name = @Name", new { Name = TeamA });
        TeamBId = await ScalarAsync<long>("SELECT Id FROM Teams WHERE Name = @Name", new { Name = TeamB });
        await ProjectAsync("TA-1", StaffA, "signed", new DateOnly(2031, 1, 1), 1000m);
        await ProjectAsync("TA-2", StaffA, "started", new DateOnly(2031, 1, 31), null);
        await ProjectAsync("TA-3", MateA, "signed", new DateOnly(2031, 3, 15), 2500.5m);
        await ProjectAsync("TA-4", StaffA, "signed", new DateOnly(2030, 12, 31), 9999m);
        await ProjectAsync("TA-5", StaffA, "negotiation", null, null);
        await ProjectAsync("TA-6", StaffA, "on_hold", new DateOnly(2031, 5, 31), 800m);
        await ProjectAsync("TB-1", StaffB, "signed", new DateOnly(2031, 2, 1), 4321m);
        await ProjectAsync("TB-2", StaffB, "started", new DateOnly(2031, 5, 1), 6789m);

        await Db.ExecuteAsync("DELETE FROM TeamTargets WHERE Year = 2031");
        await Db.ExecuteAsync("""
            INSERT INTO TeamTargets (Year, TeamId, TargetWan, FundsTargetWan, UpdatedAtUtc) VALUES (2031, NULL, 120000, NULL, @Now);
            INSERT INTO TeamTargets (Year, TeamId, TargetWan, FundsTargetWan, UpdatedAtUtc) VALUES (2031, @TeamAId, 60000, NULL, @Now);
            """, new { TeamAId, Now = Clock.Now.UtcDateTime });
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private Task ProjectAsync(string code, string owner, string stage, DateOnly? signedOn, decimal? contracted) =>
        Db.ExecuteAsync("""
            INSERT INTO Projects (Code, Title, EnterpriseId, Stage, Source, OwnerUserId, TeamId, Priority, PlannedInvestmentWan, SignedOn,
                                  ContractedInvestmentWan, LastActivityOn, Version, CreatedAtUtc, UpdatedAtUtc)
            SELECT @Code, @Title, (SELECT MIN(Id) FROM Enterprises), @Stage, 'referral', u.Id, u.TeamId, 2, 500, @SignedOn,
                   @Contracted, @Today, 1, @Now, @Now
            FROM Users u WHERE u.Email = @Owner
            """, new
        {
            Code = code,
            Title = "走势样例项目 " + code,
            Stage = stage,
            Owner = owner,
            SignedOn = signedOn,
            Contracted = contracted,
            Today = new DateOnly(2031, 5, 20),
            Now = new DateTime(2030, 12, 1, 2, 0, 0, DateTimeKind.Utc),
        });

    /// <summary>One cell of a series' table: <c>signings</c>, <c>cum-signings</c>, <c>wan</c>, <c>cum-wan</c> or <c>cum-target</c>.</summary>
    public static string Cell(IDocument page, string series, int month, string column) =>
        page.QuerySelector($"[data-testid=trend-table][data-series='{series}'] tr[data-month='{month}'] .{column}")!.TextContent.Trim();

    /// <summary>The months of a series' table as (signings, cumulative signings, 万元, cumulative 万元, cumulative target).</summary>
    public static IReadOnlyList<(string, string, string, string, string)> Table(IDocument page, string series) =>
        [.. Enumerable.Range(1, 12).Select(m => (Cell(page, series, m, "signings"), Cell(page, series, m, "cum-signings"), Cell(page, series, m, "wan"),
            Cell(page, series, m, "cum-wan"), Cell(page, series, m, "cum-target")))];

    public static string Year(IDocument page) => page.QuerySelector("[data-testid=signing-trend]")!.GetAttribute("data-year")!;

    public static IReadOnlyList<string> Series(IDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=trend-table]").Select(t => t.GetAttribute("data-series")!)];

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
