using System.Globalization;

namespace InvestmentCrm.Web.Infrastructure.Localization;

/// <summary>The two UI languages. zh-CN is the default; anything else that starts with "en" is English.</summary>
public static class AppCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [Chinese, English];

    /// <summary>Maps any culture name to one we support, or null.</summary>
    public static string? Match(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        name = name.Trim();
        if (name.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
        {
            return Chinese;
        }

        return name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : null;
    }

    /// <summary>Runs <paramref name="action"/> with both the formatting and the UI culture set.</summary>
    public static T With<T>(string culture, Func<T> action)
    {
        var (culture0, ui0) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Match(culture) ?? Chinese);
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture0;
            CultureInfo.CurrentUICulture = ui0;
        }
    }
}
