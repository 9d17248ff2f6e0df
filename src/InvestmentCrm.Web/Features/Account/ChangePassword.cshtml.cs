using System.ComponentModel.DataAnnotations;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Security;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Account;

/// <summary>
/// /account/changepassword. The current password is a password guess like a sign-in, so posts share the sign-in's
/// per-client and per-account limits; the new password ends every other session (new security stamp).
/// </summary>
[LimitPasswordAttempts]
public sealed class ChangePasswordModel(
    UserManager<AppUser> users,
    AppSignInManager signIn,
    AuditLog audit,
    IDb db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public PasswordForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (this.RefusedByAttemptLimits(l) || !ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Form.CurrentPassword, Form.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        await audit.WriteAsync(db, "User", user.Id, "change-password");
        // The security stamp changed: renew this browser's cookie; every other session ends at its next request.
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = l["Account.ChangePassword.Done"].Value;
        return RedirectToPage("/Dashboard/Index");
    }

    public sealed class PasswordForm
    {
        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.CurrentPassword")]
        public string CurrentPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [StringLength(128, MinimumLength = 8, ErrorMessage = "Validation.Length")]
        [Display(Name = "Field.NewPassword")]
        public string NewPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "Validation.PasswordsDiffer")]
        [Display(Name = "Field.ConfirmPassword")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
