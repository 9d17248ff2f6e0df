using InvestmentCrm.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Account;

/// <summary>How a password form (sign-in, change password) answers a post that the password-attempt limits refused.</summary>
internal static class RefusedAttempts
{
    /// <summary>True when the limits refused this post: the page then answers 429 with "try again in N minutes" in
    /// its summary, and the caller returns the page without checking any password.</summary>
    public static bool RefusedByAttemptLimits(this PageModel page, IStringLocalizer l)
    {
        if (page.HttpContext.Refusal() is not { } refused)
        {
            return false;
        }

        page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        page.ModelState.AddModelError(string.Empty, l["Account.TooManyAttempts", refused.Minutes]);
        return true;
    }
}
