using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Calendar;

/// <summary>Whose feed a token opens: the user, their team, whether they see every project, their language.</summary>
public sealed class FeedOwner
{
    public long UserId { get; set; }
    public long? TeamId { get; set; }
    public bool SeesAll { get; set; }
    public string Culture { get; set; } = "";

    public ProjectScope Scope => ProjectScope.ForReader(UserId, TeamId, SeesAll);
}

/// <summary>
/// Each user's private calendar feed: a secret token in the feed's URL, 256 random bits (43 characters), of which
/// only the SHA-256 is stored (CalendarFeeds, migration 0026) — the URL is shown once, when it is made. Making it
/// again replaces the token (the old URL stops working at once); revoking deletes it. Every change is audited on
/// the user with the old and new key's fingerprint (the hash's first 8 hex digits: enough to tell keys apart,
/// useless for opening a feed).
/// </summary>
public sealed class CalendarFeeds(IDb db, AuditLog audit, TimeProvider clock)
{
    private const int TokenBytes = 32;

    /// <summary>The feed's path before its token (Ics.cshtml's route): what follows it is masked in every log line.</summary>
    public const string PathPrefix = "/calendar/feed/";

    /// <summary>A token's shape (32 bytes in base64url): masked wherever it stands in a log line, path or not.</summary>
    public const string TokenPattern = "[A-Za-z0-9_-]{43}";

    /// <summary>When the user's current feed was made, or null when they have none.</summary>
    public Task<DateTime?> CreatedAtAsync(long userId, CancellationToken ct) =>
        db.ExecuteScalarAsync<DateTime?>(Sql.CreatedAt, new { UserId = userId }, ct);

    /// <summary>A new secret for the user's feed, replacing any earlier one; the caller shows it once.</summary>
    public async Task<string> IssueAsync(long userId, CancellationToken ct)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(async session =>
        {
            var old = await session.ExecuteScalarAsync<string?>(Sql.HashOf, new { UserId = userId });
            var parameters = new { UserId = userId, TokenHash = hash, Now = now };
            await session.ExecuteAsync(old is null ? Sql.Insert : Sql.Update, parameters);
            await audit.WriteAsync(session, "User", userId, old is null ? "calendar-feed-create" : "calendar-feed-regenerate",
                new { CalendarFeed = new[] { Fingerprint(old), Fingerprint(hash) } });
            return true;
        }, ct);
        return token;
    }

    /// <summary>Ends the user's feed; false when there was none.</summary>
    public Task<bool> RevokeAsync(long userId, CancellationToken ct) =>
        db.InTransactionAsync(async session =>
        {
            var old = await session.ExecuteScalarAsync<string?>(Sql.HashOf, new { UserId = userId });
            if (old is null)
            {
                return false;
            }

            await session.ExecuteAsync(Sql.Delete, new { UserId = userId });
            await audit.WriteAsync(session, "User", userId, "calendar-feed-revoke", new { CalendarFeed = new[] { Fingerprint(old), null } });
            return true;
        }, ct);

    /// <summary>
    /// The owner of the feed a token opens: null for anything that is not a current token of a user who may sign in
    /// now (not disabled, not locked out), so every such request gets the same 404.
    /// </summary>
    public async Task<FeedOwner?> OwnerOfAsync(string? token, CancellationToken ct)
    {
        if (token is not { Length: 43 } || !Base64Url.IsValid(token, out var length) || length != TokenBytes)
        {
            return null;
        }

        return await db.QuerySingleOrDefaultAsync<FeedOwner>(Sql.Owner, new { TokenHash = Hash(token), Now = clock.GetUtcNow().UtcDateTime }, ct);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string? Fingerprint(string? hash) => hash?[..8];

    internal static class Sql
    {
        public const string CreatedAt = "SELECT CreatedAtUtc FROM CalendarFeeds WHERE UserId = @UserId";

        public const string HashOf = "SELECT TokenHash FROM CalendarFeeds WHERE UserId = @UserId";

        public const string Insert = "INSERT INTO CalendarFeeds (UserId, TokenHash, CreatedAtUtc) VALUES (@UserId, @TokenHash, @Now)";

        public const string Update = "UPDATE CalendarFeeds SET TokenHash = @TokenHash, CreatedAtUtc = @Now WHERE UserId = @UserId";

        public const string Delete = "DELETE FROM CalendarFeeds WHERE UserId = @UserId";

        public const string Owner = """
            SELECT u.Id AS UserId, u.TeamId, u.Culture,
            """ + " " + ProjectScope.SeesAllColumn + """

            FROM CalendarFeeds f
            JOIN Users u ON u.Id = f.UserId
            WHERE f.TokenHash = @TokenHash AND u.IsDisabled = 0 AND (u.LockoutEndUtc IS NULL OR u.LockoutEndUtc <= @Now)
            """;
    }
}
