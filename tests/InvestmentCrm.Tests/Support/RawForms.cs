using System.Text.RegularExpressions;

namespace InvestmentCrm.Tests.Support;

/// <summary>
/// Forms posted by hand, for tests that send what a browser would not choose itself: another node's cookie, a
/// proxy's forwarded headers.
/// </summary>
public static partial class RawForms
{
    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string Token(string html) => TokenField().Match(html).Groups[1].Value;

    /// <summary>The cookies a response sets, as a Cookie header sends them back (name=value; …).</summary>
    public static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Select(c => c.Split(';')[0]) : []);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
