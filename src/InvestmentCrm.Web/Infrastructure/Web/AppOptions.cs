using InvestmentCrm.Web.Domain;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>The <c>App</c> section of configuration.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>Where users are, for showing times; stored times are UTC.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Absolute address of the app, for links in e-mails and PDFs.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5000";

    public TimeZoneInfo FindTimeZone() => LocalTime.FindZone(TimeZone);
}
