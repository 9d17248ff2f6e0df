using System.ComponentModel.DataAnnotations;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Account;

/// <summary>
/// /account/login. Unknown e-mail, wrong password and locked account get one answer; a disabled account is named
/// only to someone who typed its password (see <see cref="PasswordSignIn"/>). Posts are rate limited per client
/// and per account; a refused post gets this form back with status 429.
/// </summary>
[LimitPasswordAttempts(AccountField = "Form.Email")]
public sealed class LoginModel(PasswordSignIn passwords, IOptions<IdentityOptions> identity, IStringLocalizer<SharedResource> l) : PageModel
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
        if (this.RefusedByAttemptLimits(l) || !ModelState.IsValid)
        {
            return Page();
        }

        var (outcome, user) = await passwords.SignInAsync(Form.Email, Form.Password, Form.RememberMe);
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                RememberCulture(user!.Culture);
                return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl) : RedirectToPage("/Dashboard/Index");
            case SignInOutcome.Disabled:
                ModelState.AddModelError(string.Empty, l["Account.Login.Disabled"]);
                return Page();
            default:
                // Also what a locked account answers, so the lockout rule is said to everyone and the state to no one.
                var lockout = identity.Value.Lockout;
                ModelState.AddModelError(string.Empty, l["Account.Login.Invalid", lockout.MaxFailedAccessAttempts, (int)lockout.DefaultLockoutTimeSpan.TotalMinutes]);
                return Page();
        }
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
}
