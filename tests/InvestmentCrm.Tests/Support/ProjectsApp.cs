using System.Globalization;
using Dapper;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Admin.Users;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Import;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>
/// The app with the demo data including the demo projects, and a fake clock. The demo enterprises the projects
/// need are inserted from Demo/demo-enterprises.csv when the enterprise step has not put them there already,
/// plus a third staff user in 招商一科 (staff1's teammate).
/// </summary>
public class ProjectsApp : AppFactory
{
    public const string Teammate = "staff3@demo.local";

    private readonly SemaphoreSlim gate = new(1, 1);
    private bool ready;

    // 10:00 in Shanghai today: dates shown and "today" in the park's zone are the same day as in UTC.
    public FakeClock Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(2), TimeSpan.Zero));

    public DateOnly Today => DateOnly.FromDateTime(Clock.Now.UtcDateTime.AddHours(8));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Seeds once per factory; every test calls it first.</summary>
    public async Task ReadyAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (ready)
            {
                return;
            }

            using var _ = CreateClient();
            await InsertDemoEnterprisesAsync();
            await Services.GetRequiredService<DemoSeeder>().SeedAsync();
            using var scope = Services.CreateScope();
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            await accounts.CreateAsync(Teammate, "赵同科", DemoSeeder.Password, Roles.Staff, "招商一科");
            ready = true;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<TestBrowser> AsAsync(string email, string culture = "zh-CN")
    {
        await ReadyAsync();
        return await SignedInAsync(email, culture: culture);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? param = null)
    {
        await using var connection = await Db.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, param))!;
    }

    private async Task InsertDemoEnterprisesAsync()
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("Demo/demo-enterprises.csv")!;
        var file = TabularFile.Read(stream, "demo-enterprises.csv", new ImportLimits());
        await using var connection = await Db.OpenAsync();
        foreach (var row in file.Rows)
        {
            var v = row.Values;
            await connection.ExecuteAsync("""
                INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, Province, City, AnnualRevenueWan, Version, CreatedAtUtc, UpdatedAtUtc)
                SELECT @Uscc, @Name, @NameKey, @Kind, @Province, @City, @Revenue, 1, @Now, @Now
                WHERE NOT EXISTS (SELECT 1 FROM Enterprises WHERE Uscc = @Uscc)
                """, new
            {
                Uscc = v["uscc"],
                Name = v["name"],
                NameKey = EnterpriseName.Key(v["name"]),
                Kind = v["kind"],
                Province = v["province"],
                City = v["city"],
                Revenue = decimal.TryParse(v["annual_revenue_wan"], NumberStyles.Number, CultureInfo.InvariantCulture, out var revenue) ? revenue : (decimal?)null,
                Now = Clock.Now.UtcDateTime,
            });
        }
    }
}
