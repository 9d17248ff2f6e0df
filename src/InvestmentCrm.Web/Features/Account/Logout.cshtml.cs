using InvestmentCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Account;

/// <summary>Signing out is a POST with the antiforgery token, so no link or image can sign a user out.</summary>
public sealed class LogoutModel(AppSignInManager signIn) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }
}
