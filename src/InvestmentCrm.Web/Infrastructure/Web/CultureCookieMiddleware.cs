using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Localization;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>
/// <c>?culture=en</c> or <c>?culture=zh-CN</c> switches the language and remembers it: in a cookie for the
/// browser and, for a signed-in user, on the user (e-mails and reports follow it).
/// </summary>
public sealed class CultureCookieMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IDb db)
    {
        var requested = AppCultures.Match(context.Request.Query["culture"].ToString());
        if (requested is not null)
        {
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(requested)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            context.Response.OnStarting(async () =>
            {
                if (context.User.UserId() is { } userId)
                {
                    await db.ExecuteAsync(Sql.SetCulture, new { Id = userId, Culture = requested });
                }
            });
        }

        await next(context);
    }

    internal static class Sql
    {
        public const string SetCulture = "UPDATE Users SET Culture = @Culture WHERE Id = @Id AND Culture <> @Culture";
    }
}
