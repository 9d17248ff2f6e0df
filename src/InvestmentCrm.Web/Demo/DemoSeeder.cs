using InvestmentCrm.Web.Identity;
using InvestmentCrm.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace InvestmentCrm.Web.Demo;

/// <summary>
/// The Jiaojiang demo (DESIGN.md "seed story"): users of every role, two teams, the sewing-equipment chain
/// and a handful of enterprises. Safe to run again: whatever exists already is left as it is.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopes, ILogger<DemoSeeder> logger)
{
    public const string Password = "Demo@2026";

    public static readonly IReadOnlyList<(string Email, string Name, string Role, string? Team)> Users =
    [
        ("admin@demo.local", "系统管理员", Roles.Admin, null),
        ("leader@demo.local", "王建国", Roles.Leader, null),
        ("staff1@demo.local", "李招商", Roles.Staff, "招商一科"),
        ("staff2@demo.local", "陈晓燕", Roles.Staff, "招商二科"),
    ];

    /// <summary>Loads what is missing; returns a one-line summary.</summary>
    public async Task<string> SeedAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<AuditLog>().SystemActor = "demo";
        var accounts = services.GetRequiredService<UserAccounts>();
        var userManager = services.GetRequiredService<UserManager<AppUser>>();

        var created = 0;
        foreach (var (email, name, role, team) in Users)
        {
            if (await userManager.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var result = await accounts.CreateAsync(email, name, Password, role, team, ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors)}");
            }

            created++;
        }

        logger.LogInformation("Demo data: {Users} users created", created);
        return $"users +{created}";
    }
}
