using Microsoft.AspNetCore.Identity;

namespace InvestmentCrm.Web.Infrastructure.Identity;

/// <summary>The <c>Identity</c> section of configuration: when failed passwords lock an account, and for how long.</summary>
public sealed class LockoutSettings
{
    public const string Section = "Identity";

    public int MaxFailedAccessAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    public void ApplyTo(LockoutOptions lockout)
    {
        lockout.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
        lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(LockoutMinutes);
    }

    /// <summary>What is wrong with these settings, each a sentence naming the setting; none when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxFailedAccessAttempts is < 1 or > 100)
        {
            yield return $"{Section}:MaxFailedAccessAttempts is {MaxFailedAccessAttempts}; it must be between 1 and 100.";
        }

        if (LockoutMinutes is < 1 or > 7 * 24 * 60)
        {
            yield return $"{Section}:LockoutMinutes is {LockoutMinutes}; it must be between 1 and {7 * 24 * 60} (a week).";
        }
    }
}
