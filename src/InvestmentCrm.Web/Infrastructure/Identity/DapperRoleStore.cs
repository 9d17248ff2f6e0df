using System.Globalization;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace InvestmentCrm.Web.Infrastructure.Identity;

/// <summary>The roles are fixed by the first migration; this store lets Identity read them.</summary>
public sealed class DapperRoleStore(IDb db) : IRoleStore<AppRole>
{
    public async Task<IdentityResult> CreateAsync(AppRole role, CancellationToken cancellationToken)
    {
        role.Id = await db.InTransactionAsync(session => session.InsertAsync(Sql.Insert, role), cancellationToken);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(AppRole role, CancellationToken cancellationToken)
    {
        await db.ExecuteAsync(Sql.Update, role, cancellationToken);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(AppRole role, CancellationToken cancellationToken)
    {
        await db.ExecuteAsync(Sql.Delete, new { role.Id }, cancellationToken);
        return IdentityResult.Success;
    }

    public Task<AppRole?> FindByIdAsync(string roleId, CancellationToken cancellationToken) =>
        long.TryParse(roleId, out var id)
            ? db.QuerySingleOrDefaultAsync<AppRole>(Sql.Select + " WHERE Id = @Id", new { Id = id }, cancellationToken)
            : Task.FromResult<AppRole?>(null);

    public Task<AppRole?> FindByNameAsync(string normalizedRoleName, CancellationToken cancellationToken) =>
        db.QuerySingleOrDefaultAsync<AppRole>(Sql.Select + " WHERE NormalizedName = @NormalizedName", new { NormalizedName = normalizedRoleName }, cancellationToken);

    public Task<string> GetRoleIdAsync(AppRole role, CancellationToken cancellationToken) => Task.FromResult(role.Id.ToString(CultureInfo.InvariantCulture));
    public Task<string?> GetRoleNameAsync(AppRole role, CancellationToken cancellationToken) => Task.FromResult<string?>(role.Name);
    public Task<string?> GetNormalizedRoleNameAsync(AppRole role, CancellationToken cancellationToken) => Task.FromResult<string?>(role.NormalizedName);

    public Task SetRoleNameAsync(AppRole role, string? roleName, CancellationToken cancellationToken)
    {
        role.Name = roleName ?? string.Empty;
        return Task.CompletedTask;
    }

    public Task SetNormalizedRoleNameAsync(AppRole role, string? normalizedName, CancellationToken cancellationToken)
    {
        role.NormalizedName = normalizedName ?? string.Empty;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }

    internal static class Sql
    {
        public const string Select = "SELECT Id, Name, NormalizedName, ConcurrencyStamp FROM Roles";
        public const string Insert = "INSERT INTO Roles (Name, NormalizedName, ConcurrencyStamp) VALUES (@Name, @NormalizedName, @ConcurrencyStamp)";
        public const string Update = "UPDATE Roles SET Name = @Name, NormalizedName = @NormalizedName, ConcurrencyStamp = @ConcurrencyStamp WHERE Id = @Id";
        public const string Delete = "DELETE FROM Roles WHERE Id = @Id";
    }
}
