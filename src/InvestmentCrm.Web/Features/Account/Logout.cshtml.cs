using InvestmentCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Account;

/// <summary>
/// Signing out is a POST with the antiforgery token, so no link or image can sign a user out. It ends the session on
/// the server too: a new security stamp refuses every copy of the cookie from the next request on (and with it the
/// user's sessions in other browsers).
/// </summary>
public sealed class LogoutModel(AppSignInManager signIn, Sessions sessions) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.UserId() is { } userId)
        {
            await sessions.EndAllAsync(userId);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
