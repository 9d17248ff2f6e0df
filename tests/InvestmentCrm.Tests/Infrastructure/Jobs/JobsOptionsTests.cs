using InvestmentCrm.Web;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Tests.Infrastructure.Jobs;

/// <summary>The Jobs section is checked at start-up; settings of the old scheduler are refused by name, not ignored.</summary>
public sealed class JobsOptionsTests
{
    private static ValidateOptionsResult Validate(JobsOptions options, Dictionary<string, string?>? settings = null) =>
        new JobsOptionsValidation(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build(), AppJobs.Recurring).Validate(null, options);

    [Fact]
    public void The_defaults_are_valid_and_every_declared_job_has_a_valid_default_schedule()
    {
        var options = new JobsOptions();
        foreach (var job in AppJobs.Recurring)
        {
            options.Schedules[job.Id] = job.DefaultCron;
        }

        Assert.True(Validate(new JobsOptions()).Succeeded);
        Assert.True(Validate(options).Succeeded);
        Assert.Equal(AppJobs.Recurring.Count, AppJobs.Recurring.Select(j => j.Id).Distinct().Count());
        Assert.True(options.RunServer);
    }

    [Theory]
    [InlineData("Jobs:RunScheduler", "false", "Jobs:RunServer")]
    [InlineData("Jobs:MaxConcurrency", "4", "Jobs:WorkerCount")]
    [InlineData("Email:Digest:Cron", "0 0 8 ? * MON", "Jobs:Schedules:weekly-digest")]
    [InlineData("Email:Digest:TimeZone", "Asia/Shanghai", "App:TimeZone")]
    [InlineData("Reports:ChainGapCron", "0 0 7 1 * ?", "Jobs:Schedules:chain-gap-reports")]
    public void A_setting_that_moved_is_refused_with_its_new_name(string old, string value, string replacement)
    {
        var result = Validate(new JobsOptions(), new() { [old] = value });

        Assert.True(result.Failed);
        Assert.Contains(replacement, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_schedule_an_unknown_job_and_bad_numbers_are_refused()
    {
        var options = new JobsOptions { WorkerCount = 0, InvisibilityTimeout = TimeSpan.Zero, SqlServerSchema = "dbo];DROP" };
        options.Schedules["weekly-digest"] = "0 25 * * *";
        options.Schedules["no-such-job"] = "* * * * *";

        var result = Validate(options);

        Assert.Equal(5, result.Failures!.Count());
        Assert.Contains("Jobs:Schedules:weekly-digest = '0 25 * * *'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Jobs:Schedules:no-such-job", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_configured_with_an_old_setting_does_not_start()
    {
        await using var app = new AppFactory();
        app.Settings["Jobs:RunScheduler"] = "false";

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("Jobs:RunScheduler is no longer read: use Jobs:RunServer", error.Message, StringComparison.Ordinal);
    }
}
