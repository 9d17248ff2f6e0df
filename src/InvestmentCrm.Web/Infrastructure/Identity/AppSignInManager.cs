using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Identity;

/// <summary>Identity's sign-in manager plus one rule of ours: a disabled user cannot sign in or stay signed in.</summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }
}

/// <summary>Adds the display name and team to the sign-in cookie so pages need not look them up.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    public const string DisplayNameClaim = "crm:display_name";
    public const string TeamIdClaim = "crm:team_id";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.TeamId is { } teamId)
        {
            identity.AddClaim(new Claim(TeamIdClaim, teamId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}

public static class ClaimsPrincipalExtensions
{
    public static long? UserId(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(AppClaimsPrincipalFactory.DisplayNameClaim) ?? principal.Identity?.Name ?? string.Empty;

    public static long? TeamId(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(AppClaimsPrincipalFactory.TeamIdClaim), out var id) ? id : null;
}
