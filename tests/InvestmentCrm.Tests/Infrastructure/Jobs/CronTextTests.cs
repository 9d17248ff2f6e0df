using System.Globalization;
using InvestmentCrm.Web.Infrastructure.Jobs;
using InvestmentCrm.Web.Infrastructure.Localization;

namespace InvestmentCrm.Tests.Infrastructure.Jobs;

public sealed class CronTextTests
{
    private static readonly JsonStringLocalizer L = new(UiStrings.LoadEmbedded());

    [Theory]
    [InlineData("0 8 * * 1", "每周一 08:00", "Every Monday at 08:00")]
    [InlineData("0 8 * * MON", "每周一 08:00", "Every Monday at 08:00")]
    [InlineData("30 17 * * 1-5", "每周一、周二、周三、周四、周五 17:30", "Every Monday, Tuesday, Wednesday, Thursday, Friday at 17:30")]
    [InlineData("0 9 * * 0,6", "每周日、周六 09:00", "Every Sunday, Saturday at 09:00")]
    [InlineData("0 9 * * 7", "每周日 09:00", "Every Sunday at 09:00")]
    [InlineData("0 7 1 * *", "每月 1 日 07:00", "On day 1 of every month at 07:00")]
    [InlineData("15 6 1,15 * *", "每月 1、15 日 06:15", "On day 1, 15 of every month at 06:15")]
    [InlineData("5 0 * * *", "每天 00:05", "Every day at 00:05")]
    [InlineData("20 * * * *", "每小时第 20 分", "Every hour at minute 20")]
    [InlineData("* * * * *", "每分钟", "Every minute")]
    [InlineData("*/5 * * * *", "每 5 分钟", "Every 5 minutes")]
    [InlineData("0 0 8 ? * MON", "每周一 08:00", "Every Monday at 08:00")]
    [InlineData("0 0 31 2 *", "从不运行", "Never")]
    public void Our_schedules_read_in_both_languages(string cron, string chinese, string english)
    {
        Assert.Equal(chinese, In("zh-CN", () => CronText.Describe(cron, L)));
        Assert.Equal(english, In("en", () => CronText.Describe(cron, L)));
    }

    [Theory]
    [InlineData("0 8 * 1 *")]
    [InlineData("0 8-10 * * *")]
    [InlineData("0 8 * * 1#2")]
    [InlineData("30 0 8 * * *")]
    public void A_shape_without_a_plain_description_gets_none_and_the_page_shows_the_expression(string cron) =>
        Assert.Null(CronText.Describe(cron, L));

    [Theory]
    [InlineData("0 8 * * 1", true)]
    [InlineData("0 0 8 ? * MON", true)]
    [InlineData("0 25 * * *", false)]
    [InlineData("every monday", false)]
    [InlineData("", false)]
    public void Validity_is_what_hangfire_accepts(string cron, bool valid) => Assert.Equal(valid, CronText.IsValid(cron));

    private static string? In(string culture, Func<string?> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
