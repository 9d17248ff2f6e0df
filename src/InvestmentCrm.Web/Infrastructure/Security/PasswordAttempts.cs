using System.Globalization;

namespace InvestmentCrm.Web.Infrastructure.Security;

/// <summary>
/// Marks a page whose POST checks a password (sign-in, change password): its posts are limited per client address
/// and per account, and a refused post is shown by the page itself (see <see cref="PasswordAttempts"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LimitPasswordAttemptsAttribute : Attribute
{
    /// <summary>The form field holding the e-mail of the account tried; null means the signed-in user's account.</summary>
    public string? AccountField { get; init; }
}

/// <summary>Set on a request the rate limiter refused; the page then answers 429 without checking any password.</summary>
public sealed record PasswordAttemptsRefused(TimeSpan? RetryAfter)
{
    /// <summary>Whole minutes to wait, at least 1, for the "try again in N minutes" message.</summary>
    public int Minutes => RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)) : 1;
}

public static class PasswordAttempts
{
    /// <summary>The refusal of this request by the password-attempt limits, or null when it may go ahead.</summary>
    public static PasswordAttemptsRefused? Refusal(this HttpContext context) => context.Features.Get<PasswordAttemptsRefused>();

    /// <summary>
    /// The account a password attempt is about, the same key for the sign-in form's e-mail and a signed-in user's
    /// name (the user name is the e-mail), so both pages draw on one allowance per account.
    /// </summary>
    public static string? AccountKey(HttpContext context, LimitPasswordAttemptsAttribute limit)
    {
        var account = limit.AccountField is { } field
            ? (context.Request.HasFormContentType ? context.Request.Form[field].ToString() : null)
            : context.User.Identity?.Name;
        account = account?.Trim();
        return string.IsNullOrEmpty(account) ? null : account.ToUpperInvariant();
    }

    /// <summary>Retry-After in whole seconds, as the header wants it.</summary>
    public static string RetryAfterHeader(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
