using Cronos;
using Hangfire;
using InvestmentCrm.Web;
using InvestmentCrm.Tests.Infrastructure.Jobs;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Digest;
using InvestmentCrm.Web.Infrastructure.Jobs;
using InvestmentCrm.Web.Infrastructure.Mail;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Tests.Features.Digest;

public sealed class EmailJobsTests
{
    [Fact]
    public void The_default_digest_schedule_fires_on_monday_at_eight_in_shanghai()
    {
        var digest = AppJobs.Recurring.Single(j => j.Id == RecurringJobs.DigestId);
        var shanghai = new AppOptions { TimeZone = "Asia/Shanghai" }.FindTimeZone();

        var next = CronExpression.Parse(digest.DefaultCron).GetNextOccurrence(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), shanghai);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), next); // 08:00 +08:00
    }

    [Fact]
    public void A_run_on_monday_morning_reports_the_week_that_just_ended_in_the_app_time_zone()
    {
        var scheduler = new DigestScheduler(null!, null!, null!, null!, TimeProvider.System, Options.Create(new EmailOptions()),
            Options.Create(new AppOptions { TimeZone = "Asia/Shanghai" }), NullLogger<DigestScheduler>.Instance);

        // Sunday 23:30 UTC is already Monday 07:30 in Shanghai.
        Assert.Equal(new IsoWeekId(2026, 48), scheduler.LastCompleteWeek(new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new IsoWeekId(2026, 47), scheduler.LastCompleteWeek(new DateTimeOffset(2026, 11, 29, 15, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task The_digest_job_triggered_twice_sends_each_digest_once_and_its_services_resolve()
    {
        await using var app = new AppFactory();
        var storage = app.JobStorage;
        var manager = app.Services.GetRequiredService<IRecurringJobManagerV2>();

        // The demo's digests of the last complete week, then the same run again (a retry, "run now" twice).
        var first = manager.TriggerJob(RecurringJobs.DigestId);
        await Wait.ForStateAsync(storage, first, "Succeeded");
        var second = manager.TriggerJob(RecurringJobs.DigestId);
        await Wait.ForStateAsync(storage, second, "Succeeded");

        var recipients = await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT UserId) FROM DigestDeliveries");
        Assert.True(recipients > 0, "the demo users got a digest");
        Assert.Equal(recipients, await app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'sent'"));
        Assert.Equal(recipients, Directory.GetFiles(app.Settings["Email:PickupDirectory"]!, "*.eml").Length);
    }
}
