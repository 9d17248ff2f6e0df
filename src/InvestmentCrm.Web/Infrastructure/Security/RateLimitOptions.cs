namespace InvestmentCrm.Web.Infrastructure.Security;

/// <summary>
/// The <c>Security:RateLimits</c> section: how many requests a client may make before it is answered 429.
/// Password attempts (sign-in, change password) are limited per client address and per account; everything else a
/// visitor who is not signed in can reach (the sign-in page, access denied, errors, /health) per client address.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Security:RateLimits";

    /// <summary>Password attempts from one address, whatever the accounts: slows guessing many accounts (and the hashing it costs).</summary>
    public WindowLimit PasswordPerClient { get; set; } = new() { PermitLimit = 20, WindowSeconds = 60 };

    /// <summary>
    /// Password attempts on one account, from anywhere. Kept below <c>Identity:MaxFailedAccessAttempts</c> so that a
    /// guesser is slowed down well before the account locks.
    /// </summary>
    public WindowLimit PasswordPerAccount { get; set; } = new() { PermitLimit = 3, WindowSeconds = 300 };

    /// <summary>Requests from one address of a visitor who is not signed in.</summary>
    public WindowLimit AnonymousPerClient { get; set; } = new() { PermitLimit = 300, WindowSeconds = 60 };

    public IEnumerable<string> Problems()
    {
        foreach (var (name, limit) in new[] { (nameof(PasswordPerClient), PasswordPerClient), (nameof(PasswordPerAccount), PasswordPerAccount), (nameof(AnonymousPerClient), AnonymousPerClient) })
        {
            if (limit is null)
            {
                yield return $"{Section}:{name} is missing.";
            }
            else if (limit.PermitLimit < 1 || limit.WindowSeconds < 1 || limit.WindowSeconds > 86_400)
            {
                yield return $"{Section}:{name} needs PermitLimit ≥ 1 and WindowSeconds between 1 and 86400 (got {limit.PermitLimit} per {limit.WindowSeconds} s).";
            }
        }
    }
}

/// <summary>At most <see cref="PermitLimit"/> requests in any <see cref="WindowSeconds"/> (a sliding window).</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
