using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Admin.Users;

/// <summary>Creating users and teams, and the team names the forms offer: shared by /admin/users, the create-user verb and the demo data.</summary>
public sealed class UserAccounts(UserManager<AppUser> users, IDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public sealed record Result(AppUser? User, IReadOnlyList<string> Errors)
    {
        public bool Succeeded => User is not null && Errors.Count == 0;
    }

    public async Task<Result> CreateAsync(string email, string? displayName, string password, string role, string? team, CancellationToken ct = default)
    {
        email = email.Trim();
        var canonicalRole = Roles.Parse(role);
        if (canonicalRole is null)
        {
            return new Result(null, [l["Users.Error.UnknownRole", role, string.Join(", ", Roles.All)]]);
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return new Result(null, [l["Identity.DuplicateEmail", email]]);
        }

        var user = new AppUser
        {
            UserName = email,
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Split('@')[0] : displayName.Trim(),
            EmailConfirmed = true,
            TeamId = await EnsureTeamAsync(team, ct),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new Result(null, created.Errors.Select(e => e.Description).ToList());
        }

        await users.AddToRoleAsync(user, canonicalRole);
        await audit.WriteAsync(db, "User", user.Id, "create", new { user.Email, user.DisplayName, Role = canonicalRole, Team = team });
        return new Result(user, []);
    }

    /// <summary>The id of the team with this name, created if new; null for no team.</summary>
    public async Task<long?> EnsureTeamAsync(string? name, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        name = name.Trim();
        var id = await db.ExecuteScalarAsync<long?>(Sql.FindTeam, new { Name = name }, ct);
        if (id is not null)
        {
            return id;
        }

        return await db.InTransactionAsync(
            session => session.InsertAsync(Sql.InsertTeam, new { Name = name, CreatedAtUtc = clock.GetUtcNow().UtcDateTime }), ct);
    }

    /// <summary>Every team's name, for the team field's suggestions on the create and edit forms.</summary>
    public Task<IReadOnlyList<string>> TeamNamesAsync(CancellationToken ct = default) => db.QueryAsync<string>(Sql.TeamNames, ct: ct);

    internal static class Sql
    {
        public const string TeamNames = "SELECT Name FROM Teams ORDER BY Name";
        public const string FindTeam = "SELECT Id FROM Teams WHERE Name = @Name";
        public const string InsertTeam = "INSERT INTO Teams (Name, CreatedAtUtc) VALUES (@Name, @CreatedAtUtc)";
    }
}
