using System.Text.RegularExpressions;

namespace InvestmentCrm.Web.Infrastructure.Security;

/// <summary>
/// Credentials that travel in URLs (the calendar feed's token: whoever has the URL reads the feed) and how they are
/// masked wherever the app writes a log line. Two rules, both needed:
/// <list type="bullet">
/// <item>a path segment after a secret prefix, whatever it holds (a mistyped or stale token is somebody's secret all
/// the same): <c>/calendar/feed/***.ics</c>, the prefix matched in any case (routing ignores case) and with its
/// slashes percent-encoded, once or more (a path inside a query string, a return URL inside a link);</item>
/// <item>anything shaped like such a token on its own (43 base64url characters), wherever it stands: routing's
/// debug lines print route values (<c>token=[…]</c>) and MVC's trace lines a handler's arguments, with no path
/// around them.</item>
/// </list>
/// </summary>
public sealed class LogSecrets
{
    public const string Mask = "***";

    private readonly Regex? pattern;

    public LogSecrets(IEnumerable<string> pathPrefixes, IEnumerable<string> tokenPatterns)
    {
        var alternatives = pathPrefixes.Select(prefix =>
                "(?<prefix>" + PrefixPattern(prefix) + """)[^/?#&\s"'<>\[\](),;|]+?(?<suffix>\.[A-Za-z]{1,8})?(?=[/?#&\s"'<>\[\](),;|]|$)""")
            .Concat(tokenPatterns.Select(token => "(?<![A-Za-z0-9_-])" + token + "(?![A-Za-z0-9_-])"))
            .ToList();
        pattern = alternatives.Count == 0 ? null : new Regex(
            string.Join('|', alternatives.Select(a => "(?:" + a + ")")),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.ExplicitCapture);
    }

    /// <summary>Whether the text holds a secret.</summary>
    public bool IsIn(string? text) => pattern is not null && !string.IsNullOrEmpty(text) && pattern.IsMatch(text);

    /// <summary>The text with each secret masked; a path keeps its prefix and extension (<c>/calendar/feed/***.ics</c>).</summary>
    public string Redact(string text) =>
        pattern is null ? text : pattern.Replace(text, match => match.Groups["prefix"].Value + Mask + match.Groups["suffix"].Value);

    /// <summary>"/calendar/feed/" as a pattern that also matches "%2Fcalendar%2Ffeed%2F", encoded once or more (a return URL in a link).</summary>
    private static string PrefixPattern(string prefix) =>
        string.Join("(?:/|%(?:25)*2F)", prefix.Split('/').Select(Regex.Escape));
}
