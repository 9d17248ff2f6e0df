using System.ComponentModel.DataAnnotations;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Account;

public sealed class LoginModel(
    AppSignInManager signIn,
    UserManager<AppUser> users,
    IDb db,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public LoginForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Form.Email.Trim());
        if (user is { IsDisabled: true })
        {
            // Say "disabled" only to someone who knows the password; anyone else learns nothing about the account.
            ModelState.AddModelError(string.Empty, await users.CheckPasswordAsync(user, Form.Password)
                ? l["Account.Login.Disabled"]
                : l["Account.Login.Invalid"]);
            return Page();
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Form.Password, Form.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await db.ExecuteAsync(Sql.RecordSignIn, new { user!.Id, Now = clock.GetUtcNow().UtcDateTime });
            RememberCulture(user.Culture);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.IsLockedOut)
        {
            var minutes = user?.LockoutEndUtc is { } end
                ? Math.Max(1, (int)Math.Ceiling((end - clock.GetUtcNow().UtcDateTime).TotalMinutes))
                : 1;
            ModelState.AddModelError(string.Empty, l["Account.Login.LockedOut", minutes]);
        }
        else
        {
            ModelState.AddModelError(string.Empty, l["Account.Login.Invalid"]);
        }

        return Page();
    }

    /// <summary>A user who chose a language before gets it back on a new browser, unless this one already chose.</summary>
    private void RememberCulture(string culture)
    {
        if (Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName) || AppCultures.Match(culture) is not { } chosen)
        {
            return;
        }

        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
    }

    public sealed class LoginForm
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Account.Login.RememberMe")]
        public bool RememberMe { get; set; }
    }

    internal static class Sql
    {
        public const string RecordSignIn = "UPDATE Users SET LastSignInAtUtc = @Now WHERE Id = @Id";
    }
}
