namespace InvestmentCrm.Web.Infrastructure.Identity;

/// <summary>A person who signs in. The user name is the e-mail address.</summary>
public sealed class AppUser
{
    public long Id { get; set; }
    public string UserName { get; set; } = string.Empty;
    public string NormalizedUserName { get; set; } = string.Empty;
    public string Email { get; set; } = string.Empty;
    public string NormalizedEmail { get; set; } = string.Empty;
    public bool EmailConfirmed { get; set; }
    public string DisplayName { get; set; } = string.Empty;
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = string.Empty;
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();
    public bool LockoutEnabled { get; set; } = true;
    public DateTime? LockoutEndUtc { get; set; }
    public int AccessFailedCount { get; set; }
    public bool IsDisabled { get; set; }
    public long? TeamId { get; set; }
    public string Culture { get; set; } = "zh-CN";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? LastSignInAtUtc { get; set; }
}

public sealed class AppRole
{
    public long Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string NormalizedName { get; set; } = string.Empty;
    public string? ConcurrencyStamp { get; set; }
}

/// <summary>The three roles (Admin, Leader, Staff) and the policies built on them.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Leader = "Leader";
    public const string Staff = "Staff";

    public static readonly IReadOnlyList<string> All = [Admin, Leader, Staff];

    /// <summary>Accepts any letter case; returns the canonical name or null.</summary>
    public static string? Parse(string? value) =>
        All.FirstOrDefault(role => string.Equals(role, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}

public static class Policies
{
    public const string Admin = "Admin";
    public const string LeaderOrAdmin = "LeaderOrAdmin";
}
