using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Admin;

/// <summary>
/// "Run now" of the digest on a Sunday once built the week before without saying so, and the admin expected the
/// week not yet over: /admin/jobs/schedules names the week it sends, with its dates. The clock is fixed at Sunday
/// 6 December 2026, 23:30 in Shanghai (ISO week 2026-W49, not over until midnight).
/// </summary>
public sealed class DigestWeekPageTests(DigestWeekPageTests.SundayNightApp app) : IClassFixture<DigestWeekPageTests.SundayNightApp>
{
    public sealed class SundayNightApp : AppFactory
    {
        public FakeClock Clock { get; } = new(new DateTimeOffset(2026, 12, 6, 15, 30, 0, TimeSpan.Zero));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    [Theory]
    [InlineData("zh-CN", "立即运行发送 2026-W48（2026/11/23 至 2026/11/29）的周报，即最近一个完整的周")]
    [InlineData("en", "Run now sends the digest of 2026-W48 (11/23/2026 to 11/29/2026), the last complete week")]
    public async Task The_schedules_page_names_the_week_and_dates_that_run_now_sends(string culture, string text)
    {
        using var admin = await app.SignedInAsync("admin@demo.local", culture: culture);

        var page = await admin.PageAsync("/admin/jobs/schedules");

        var week = page.QuerySelector($"tr[data-job='{RecurringJobs.DigestId}'] [data-testid=digest-week]")!;
        Assert.Equal("2026-W48", week.GetAttribute("data-week"));
        Assert.Contains(text, week.TextContent, StringComparison.Ordinal);
    }
}
