using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Digest;
using InvestmentCrm.Web.Infrastructure.Mail;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Quartz;

namespace InvestmentCrm.Tests.Features.Digest;

public sealed class EmailJobsTests
{
    [Fact]
    public void The_default_digest_schedule_fires_on_monday_at_eight_in_shanghai()
    {
        var cron = new CronExpression(new EmailOptions().Digest.Cron, InvestmentCrm.Web.Domain.LocalTime.FindZone("Asia/Shanghai"));

        var next = cron.GetNextValidTimeAfter(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero))!.Value;

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
    public async Task The_jobs_are_declared_in_the_app_scheduler_on_the_configured_schedule_and_their_services_resolve()
    {
        using var app = new AppFactory();
        using var _ = app.CreateClient();
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var digest = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(new TriggerKey(EmailJobs.DigestName + ".schedule", InvestmentCrm.Web.Infrastructure.Jobs.JobsSetup.Group)));
        var outbox = Assert.IsAssignableFrom<ISimpleTrigger>(await scheduler.GetTrigger(new TriggerKey(EmailJobs.OutboxName + ".schedule", InvestmentCrm.Web.Infrastructure.Jobs.JobsSetup.Group)));

        Assert.Equal((new EmailOptions().Digest.Cron, InvestmentCrm.Web.Domain.LocalTime.FindZone("Asia/Shanghai").Id), (digest.CronExpressionString, digest.TimeZone.Id));
        Assert.Equal(TimeSpan.FromMinutes(1), outbox.RepeatInterval);

        // The jobs' own dependencies come from the app's services.
        using var scope = app.Services.CreateScope();
        Assert.NotNull(ActivatorUtilities.CreateInstance<DigestJob>(scope.ServiceProvider));
        Assert.NotNull(ActivatorUtilities.CreateInstance<OutboxSendJob>(scope.ServiceProvider));
    }
}
