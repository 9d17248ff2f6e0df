using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace InvestmentCrm.Web.Infrastructure.Identity;

/// <summary>ASP.NET Core Identity's user store over Dapper: each call is one statement, no unit of work.</summary>
public sealed class DapperUserStore(IDb db, TimeProvider clock) :
    IUserPasswordStore<AppUser>,
    IUserEmailStore<AppUser>,
    IUserSecurityStampStore<AppUser>,
    IUserLockoutStore<AppUser>,
    IUserRoleStore<AppUser>
{
    public async Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken)
    {
        user.CreatedAtUtc = clock.GetUtcNow().UtcDateTime;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.Id = await db.InTransactionAsync(session => session.InsertAsync(Sql.Insert, user), cancellationToken);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken)
    {
        var expected = user.ConcurrencyStamp;
        var next = Guid.NewGuid().ToString();
        var rows = await db.ExecuteAsync(Sql.Update, new
        {
            user.Id, user.UserName, user.NormalizedUserName, user.Email, user.NormalizedEmail, user.EmailConfirmed,
            user.DisplayName, user.PasswordHash, user.SecurityStamp, user.LockoutEnabled, user.LockoutEndUtc,
            user.AccessFailedCount, user.IsDisabled, user.TeamId, user.Culture, user.LastSignInAtUtc,
            ExpectedStamp = expected, NextStamp = next,
        }, cancellationToken);
        if (rows == 0)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }

        user.ConcurrencyStamp = next;
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken cancellationToken)
    {
        await db.ExecuteAsync(Sql.Delete, new { user.Id }, cancellationToken);
        return IdentityResult.Success;
    }

    public Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        long.TryParse(userId, out var id)
            ? db.QuerySingleOrDefaultAsync<AppUser>(Sql.Select + " WHERE Id = @Id", new { Id = id }, cancellationToken)
            : Task.FromResult<AppUser?>(null);

    public Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        db.QuerySingleOrDefaultAsync<AppUser>(Sql.Select + " WHERE NormalizedUserName = @NormalizedUserName", new { NormalizedUserName = normalizedUserName }, cancellationToken);

    public Task<AppUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.QuerySingleOrDefaultAsync<AppUser>(Sql.Select + " WHERE NormalizedEmail = @NormalizedEmail", new { NormalizedEmail = normalizedEmail }, cancellationToken);

    public Task<string> GetUserIdAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    public Task<string?> GetUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);
    public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken cancellationToken) => Set(() => user.UserName = userName ?? string.Empty);
    public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedUserName);
    public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken cancellationToken) => Set(() => user.NormalizedUserName = normalizedName ?? string.Empty);

    public Task<string?> GetPasswordHashAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);
    public Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken cancellationToken) => Set(() => user.PasswordHash = passwordHash);

    public Task<string?> GetEmailAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);
    public Task SetEmailAsync(AppUser user, string? email, CancellationToken cancellationToken) => Set(() => user.Email = email ?? string.Empty);
    public Task<bool> GetEmailConfirmedAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.EmailConfirmed);
    public Task SetEmailConfirmedAsync(AppUser user, bool confirmed, CancellationToken cancellationToken) => Set(() => user.EmailConfirmed = confirmed);
    public Task<string?> GetNormalizedEmailAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedEmailAsync(AppUser user, string? normalizedEmail, CancellationToken cancellationToken) => Set(() => user.NormalizedEmail = normalizedEmail ?? string.Empty);

    public Task<string?> GetSecurityStampAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);
    public Task SetSecurityStampAsync(AppUser user, string stamp, CancellationToken cancellationToken) => Set(() => user.SecurityStamp = stamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.LockoutEndUtc is { } end ? new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc)) : (DateTimeOffset?)null);
    public Task SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken) => Set(() => user.LockoutEndUtc = lockoutEnd?.UtcDateTime);
    public Task<int> IncrementAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Set(() => user.AccessFailedCount = 0);
    public Task<int> GetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);
    public Task SetLockoutEnabledAsync(AppUser user, bool enabled, CancellationToken cancellationToken) => Set(() => user.LockoutEnabled = enabled);

    public async Task AddToRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken)
    {
        var rows = await db.ExecuteAsync(Sql.AddToRole, new { UserId = user.Id, NormalizedName = roleName }, cancellationToken);
        if (rows == 0 && await db.ExecuteScalarAsync<long?>(Sql.RoleId, new { NormalizedName = roleName }, cancellationToken) is null)
        {
            throw new InvalidOperationException($"Role {roleName} does not exist.");
        }
    }

    public Task RemoveFromRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken) =>
        db.ExecuteAsync(Sql.RemoveFromRole, new { UserId = user.Id, NormalizedName = roleName }, cancellationToken);

    public async Task<IList<string>> GetRolesAsync(AppUser user, CancellationToken cancellationToken) =>
        (await db.QueryAsync<string>(Sql.RolesOfUser, new { UserId = user.Id }, cancellationToken)).ToList();

    public async Task<bool> IsInRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken) =>
        await db.ExecuteScalarAsync<int>(Sql.IsInRole, new { UserId = user.Id, NormalizedName = roleName }, cancellationToken) > 0;

    public async Task<IList<AppUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken) =>
        (await db.QueryAsync<AppUser>(Sql.Select + " WHERE Id IN (SELECT ur.UserId FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE r.NormalizedName = @NormalizedName)",
            new { NormalizedName = roleName }, cancellationToken)).ToList();

    public void Dispose()
    {
    }

    private static Task Set(Action assign)
    {
        assign();
        return Task.CompletedTask;
    }

    internal static class Sql
    {
        public const string Select = """
            SELECT Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, DisplayName, PasswordHash,
                   SecurityStamp, ConcurrencyStamp, LockoutEnabled, LockoutEndUtc, AccessFailedCount, IsDisabled, TeamId,
                   Culture, CreatedAtUtc, LastSignInAtUtc
            FROM Users
            """;

        public const string Insert = """
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, DisplayName, PasswordHash,
                               SecurityStamp, ConcurrencyStamp, LockoutEnabled, LockoutEndUtc, AccessFailedCount, IsDisabled,
                               TeamId, Culture, CreatedAtUtc)
            VALUES (@UserName, @NormalizedUserName, @Email, @NormalizedEmail, @EmailConfirmed, @DisplayName, @PasswordHash,
                    @SecurityStamp, @ConcurrencyStamp, @LockoutEnabled, @LockoutEndUtc, @AccessFailedCount, @IsDisabled,
                    @TeamId, @Culture, @CreatedAtUtc)
            """;

        public const string Update = """
            UPDATE Users
            SET UserName = @UserName, NormalizedUserName = @NormalizedUserName, Email = @Email, NormalizedEmail = @NormalizedEmail,
                EmailConfirmed = @EmailConfirmed, DisplayName = @DisplayName, PasswordHash = @PasswordHash,
                SecurityStamp = @SecurityStamp, LockoutEnabled = @LockoutEnabled, LockoutEndUtc = @LockoutEndUtc,
                AccessFailedCount = @AccessFailedCount, IsDisabled = @IsDisabled, TeamId = @TeamId, Culture = @Culture,
                LastSignInAtUtc = @LastSignInAtUtc, ConcurrencyStamp = @NextStamp
            WHERE Id = @Id AND ConcurrencyStamp = @ExpectedStamp
            """;

        public const string Delete = "DELETE FROM Users WHERE Id = @Id";

        public const string AddToRole = """
            INSERT INTO UserRoles (UserId, RoleId)
            SELECT @UserId, r.Id FROM Roles r
            WHERE r.NormalizedName = @NormalizedName
              AND NOT EXISTS (SELECT 1 FROM UserRoles ur WHERE ur.UserId = @UserId AND ur.RoleId = r.Id)
            """;

        public const string RoleId = "SELECT Id FROM Roles WHERE NormalizedName = @NormalizedName";

        public const string RemoveFromRole = """
            DELETE FROM UserRoles
            WHERE UserId = @UserId AND RoleId IN (SELECT Id FROM Roles WHERE NormalizedName = @NormalizedName)
            """;

        public const string RolesOfUser = """
            SELECT r.Name FROM Roles r JOIN UserRoles ur ON ur.RoleId = r.Id WHERE ur.UserId = @UserId ORDER BY r.Name
            """;

        public const string IsInRole = """
            SELECT COUNT(*) FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId
            WHERE ur.UserId = @UserId AND r.NormalizedName = @NormalizedName
            """;
    }
}
