using System.Security.Claims;
using System.Security.Cryptography;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Identity;

public enum SignInOutcome
{
    SignedIn,

    /// <summary>Unknown e-mail, wrong password, or any attempt while the account is locked: one answer for all.</summary>
    Refused,

    /// <summary>The right password of a disabled account.</summary>
    Disabled,
}

/// <summary>
/// Signing in with e-mail and password so that the answer and the work done tell nothing about an account to
/// someone without its password. Every attempt verifies exactly one password hash (a stand-in hash for an unknown
/// e-mail, the account's own while it is locked); the password is checked before anything about the account is
/// said; failures count towards the lockout alike for active and disabled accounts; a locked account answers as a
/// wrong password does, whatever was typed, so guessing on during the lockout learns nothing.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<AppUser> users,
    AppSignInManager signIn,
    IPasswordHasher<AppUser> hasher,
    StandInPasswordHash standIn,
    IDb db,
    TimeProvider clock,
    IOptions<IdentityOptions> identity,
    ILogger<PasswordSignIn> logger)
{
    public async Task<(SignInOutcome Outcome, AppUser? User)> SignInAsync(string email, string password, bool persistent)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        var now = clock.GetUtcNow().UtcDateTime;
        if (user?.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(user ?? new AppUser(), standIn.For(hasher), password);
            return (SignInOutcome.Refused, null);
        }

        if (IsLockedOut(user, now))
        {
            hasher.VerifyHashedPassword(user, user.PasswordHash, password);
            logger.LogWarning("Sign-in refused: user {UserId} is locked out until {LockoutEndUtc:u}", user.Id, user.LockoutEndUtc);
            return (SignInOutcome.Refused, null);
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await CountFailureAsync(user, now);
            return (SignInOutcome.Refused, null);
        }

        await db.ExecuteAsync(Sql.ClearFailures, new { user.Id });
        if (user.IsDisabled)
        {
            return (SignInOutcome.Disabled, null);
        }

        await db.ExecuteAsync(Sql.RecordSignIn, new { user.Id, Now = now });
        await signIn.SignInWithClaimsAsync(user, persistent, [new Claim("amr", "pwd")]);
        return (SignInOutcome.SignedIn, user);
    }

    private static bool IsLockedOut(AppUser user, DateTime now) => user.LockoutEnabled && user.LockoutEndUtc > now;

    /// <summary>
    /// One statement, so that wrong guesses sent at once are all counted (Identity's read-modify-write with a
    /// concurrency stamp loses all but one of them), and an admin editing the user meanwhile meets no conflict.
    /// </summary>
    private async Task CountFailureAsync(AppUser user, DateTime now)
    {
        var lockout = identity.Value.Lockout;
        await db.ExecuteAsync(Sql.CountFailure, new
        {
            user.Id,
            MaxFailures = lockout.MaxFailedAccessAttempts,
            LockoutEnd = now + lockout.DefaultLockoutTimeSpan,
        });
        if (await db.ExecuteScalarAsync<DateTime?>(Sql.LockoutEnd, new { user.Id }) > now)
        {
            logger.LogWarning("User {UserId} locked out after {Failures} failed sign-ins", user.Id, lockout.MaxFailedAccessAttempts);
        }
    }

    internal static class Sql
    {
        // SET expressions read the row as it was before the statement, in SQLite and SQL Server alike.
        public const string CountFailure = """
            UPDATE Users
            SET LockoutEndUtc = CASE WHEN AccessFailedCount + 1 >= @MaxFailures THEN @LockoutEnd ELSE LockoutEndUtc END,
                AccessFailedCount = CASE WHEN AccessFailedCount + 1 >= @MaxFailures THEN 0 ELSE AccessFailedCount + 1 END
            WHERE Id = @Id AND LockoutEnabled = 1
            """;

        public const string LockoutEnd = "SELECT LockoutEndUtc FROM Users WHERE Id = @Id";

        public const string ClearFailures = "UPDATE Users SET AccessFailedCount = 0 WHERE Id = @Id AND AccessFailedCount <> 0";

        public const string RecordSignIn = "UPDATE Users SET LastSignInAtUtc = @Now WHERE Id = @Id";
    }
}

/// <summary>
/// A hash of a random password, made once by the app's own hasher (so with the same algorithm and work factor as
/// real ones), for an unknown e-mail to be checked against: that costs what checking a real account costs.
/// </summary>
public sealed class StandInPasswordHash
{
    private string? hash;

    public string For(IPasswordHasher<AppUser> hasher) =>
        LazyInitializer.EnsureInitialized(ref hash, () => hasher.HashPassword(new AppUser(), RandomNumberGenerator.GetHexString(32)));
}
