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

    /// <summary>What is wrong with these settings, each a sentence naming the setting; none when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        // An unknown zone would otherwise fall back to UTC+8 silently (LocalTime.FindZone).
        if (!LocalTime.IsKnown(TimeZone))
        {
            yield return $"{Section}:TimeZone \"{TimeZone}\" is not a time zone of this system (an IANA id such as Asia/Shanghai).";
        }

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            yield return $"{Section}:BaseUrl \"{BaseUrl}\" is not an absolute http or https address such as https://crm.example.gov.cn/.";
        }
    }
}
