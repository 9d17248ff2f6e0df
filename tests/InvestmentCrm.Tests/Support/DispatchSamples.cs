using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Admin.Users;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Support;

/// <summary>The app with the demo data and <see cref="DispatchSamples"/> in the month before (fake) today.</summary>
public sealed class DispatchApp : ProjectsApp, IAsyncLifetime
{
    public DispatchApp()
    {
        // The digest tests look for the dispatch report only; the chain-gap PDFs would print one per chain.
        Settings["Email:Digest:AttachChainGapPdf"] = "false";
    }

    public DispatchMonth Month { get; private set; } = null!;

    public async Task InitializeAsync() => Month = await DispatchSamples.SeedAsync(this);

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// A month of the dispatch report seeded by hand in two new teams, with events on both sides of each boundary.
/// Team 调度甲组 (staff <see cref="StaffA"/>) in the month: 4 new leads (DA-1 registered at 00:30 on the 1st and DA-2 at
/// 23:30 on the last day, Shanghai time), 3 signings worth 1,000 + 2,000 + 500 (planned, no contract) = 3,500 万元,
/// 2 started, 1 in production, funds 300.5 + 199.5 = 500 万元. Outside it: DA-5 registered at 00:00 on the next 1st
/// and started then, funds of 1,000 on the next 1st, and on the day before the month DA-6 registered and signed
/// (700) with funds of 50 — in the year to date unless the month is January. Targets: 10,000 signed, 2,000 funds.
/// Team 调度乙组 (staff <see cref="StaffB"/>): one signing (800) of a project registered a year earlier, no target.
/// DA-4 is red (70 days silent, an overdue matter with 自然资源局), DB-1 yellow (40 days silent).
/// </summary>
public static class DispatchSamples
{
    public const string TeamA = "调度甲组";
    public const string TeamB = "调度乙组";
    public const string StaffA = "dispatch.a@demo.local";
    public const string StaffB = "dispatch.b@demo.local";
    public const string OwnerA = "甲组周敏";
    public const string OwnerB = "乙组吴涛";

    public static async Task<DispatchMonth> SeedAsync(ProjectsApp app)
    {
        await app.ReadyAsync();
        var month = DispatchMonth.Before(app.Today);
        using (var scope = app.Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            await accounts.CreateAsync(StaffA, OwnerA, DemoSeeder.Password, Roles.Staff, TeamA);
            await accounts.CreateAsync(StaffB, OwnerB, DemoSeeder.Password, Roles.Staff, TeamB);
        }

        var zone = LocalTime.FindZone("Asia/Shanghai");
        DateTime At(DateOnly day, int hour, int minute = 0) => LocalTime.StartUtc(day, zone).AddHours(hour).AddMinutes(minute);
        var first = month.First;
        var last = month.NextFirst.AddDays(-1);
        var today = app.Today;

        var a = await UserAsync(app, StaffA);
        var b = await UserAsync(app, StaffB);
        await ProjectAsync(app, "DA-1", a, "signed", At(first, 0, 30), first, 1000m, null, null, today);
        await ProjectAsync(app, "DA-2", a, "started", At(last, 23, 30), first.AddDays(1), 2000m, first.AddDays(2), null, today);
        await ProjectAsync(app, "DA-3", a, "in_production", At(first.AddDays(5), 9), first.AddDays(5), null, first.AddDays(6), first.AddDays(7), today);
        await ProjectAsync(app, "DA-4", a, "lead", At(first.AddDays(10), 9), null, null, null, null, today.AddDays(-70));
        await ProjectAsync(app, "DA-5", a, "started", At(month.NextFirst, 0), month.NextFirst, 900m, month.NextFirst, null, today);
        await ProjectAsync(app, "DA-6", a, "signed", At(first.AddDays(-1), 23, 59), first.AddDays(-1), 700m, null, null, today);
        await ProjectAsync(app, "DB-1", b, "signed", At(first.AddYears(-1), 9), first.AddDays(4), 800m, null, null, today.AddDays(-40));

        await app.Db.ExecuteAsync("INSERT INTO TeamTargets (Year, TeamId, TargetWan, FundsTargetWan, UpdatedAtUtc) VALUES (@Year, @TeamId, 10000, 2000, @Now)",
            new { month.Year, a.TeamId, Now = app.Clock.Now.UtcDateTime });
        foreach (var (day, amount) in new[] { (first, 300.5m), (last, 199.5m), (month.NextFirst, 1000m), (first.AddDays(-1), 50m) })
        {
            await app.Db.ExecuteAsync("""
                INSERT INTO FundsInPlace (ProjectId, ReceivedOn, AmountWan, Kind, CreatedAtUtc, UpdatedAtUtc)
                SELECT Id, @Day, @Amount, 'domestic', @Now, @Now FROM Projects WHERE Code = 'DA-1'
                """, new { Day = day, Amount = amount, Now = app.Clock.Now.UtcDateTime });
        }

        foreach (var (department, due, status) in new[] { ("自然资源局", today.AddDays(-1), "open"), ("供电公司", today.AddDays(10), "in_progress"), ("自然资源局", today.AddDays(-5), "resolved") })
        {
            await app.Db.ExecuteAsync("""
                INSERT INTO CoordinationMatters (ProjectId, Category, Description, Department, DueOn, Status, Resolution, ResolvedOn, RaisedByUserId, RaisedAtUtc, UpdatedAtUtc)
                SELECT Id, 'land', '用地指标', @Department, @Due, @Status, CASE WHEN @Status = 'resolved' THEN '已解决' END,
                       CASE WHEN @Status = 'resolved' THEN @Due END, OwnerUserId, @Now, @Now
                FROM Projects WHERE Code = 'DA-4'
                """, new { Department = department, Due = due, Status = status, Now = app.Clock.Now.UtcDateTime });
        }

        foreach (var (code, from, to, at) in new[]
        {
            ("DA-1", "negotiation", "signed", At(first, 11)), ("DA-2", "signed", "started", At(first.AddDays(2), 11)),
            ("DA-4", (string?)null, "lead", At(first.AddDays(10), 9)), ("DA-5", "signed", "started", At(month.NextFirst, 9)),
        })
        {
            await app.Db.ExecuteAsync("""
                INSERT INTO ProjectStageChanges (ProjectId, FromStage, ToStage, ChangedAtUtc)
                SELECT Id, @From, @To, @At FROM Projects WHERE Code = @Code
                """, new { Code = code, From = from, To = to, At = at });
        }

        return month;
    }

    private static async Task<(long Id, long TeamId)> UserAsync(ProjectsApp app, string email) =>
        await app.Db.QuerySingleOrDefaultAsync<(long Id, long TeamId)>("SELECT Id, TeamId FROM Users WHERE Email = @Email", new { Email = email });

    private static Task ProjectAsync(ProjectsApp app, string code, (long Id, long TeamId) owner, string stage, DateTime createdAtUtc,
        DateOnly? signedOn, decimal? contracted, DateOnly? startedOn, DateOnly? inProductionOn, DateOnly lastActivityOn) =>
        app.Db.ExecuteAsync("""
            INSERT INTO Projects (Code, Title, EnterpriseId, Stage, Source, OwnerUserId, TeamId, Priority, PlannedInvestmentWan, SignedOn,
                                  ContractedInvestmentWan, StartedOn, InProductionOn, LastActivityOn, Version, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Code, @Title, (SELECT MIN(Id) FROM Enterprises), @Stage, 'referral', @OwnerUserId, @TeamId, 2, 500, @SignedOn,
                    @Contracted, @StartedOn, @InProductionOn, @LastActivityOn, 1, @CreatedAtUtc, @CreatedAtUtc)
            """, new
        {
            Code = code,
            Title = "调度样例项目 " + code,
            Stage = stage,
            OwnerUserId = owner.Id,
            owner.TeamId,
            SignedOn = signedOn,
            Contracted = contracted,
            StartedOn = startedOn,
            InProductionOn = inProductionOn,
            LastActivityOn = lastActivityOn,
            CreatedAtUtc = createdAtUtc,
        });
}
