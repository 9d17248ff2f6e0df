namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>The <c>App</c> section of configuration.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>Where users are, for showing times; stored times are UTC.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Absolute address of the app, for links in e-mails and PDFs.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Today where the users are (a Shanghai morning is still yesterday in UTC).</summary>
    public DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, FindTimeZone()));

    public TimeZoneInfo FindTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        }
    }
}
