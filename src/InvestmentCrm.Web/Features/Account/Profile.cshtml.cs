using System.ComponentModel.DataAnnotations;
using Dapper;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Account;

/// <summary>/account/profile: the signed-in user's weekly digest on/off, the chains they follow and their language.</summary>
public sealed class ProfileModel(IDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ProfileForm Form { get; set; } = new();

    public IReadOnlyList<ChainOption> Chains { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.UserId() is not { } userId)
        {
            return Challenge();
        }

        var current = await db.QuerySingleOrDefaultAsync<ProfileForm>(Sql.Get, new { UserId = userId }, ct);
        if (current is null)
        {
            return NotFound();
        }

        Form = current;
        Form.ChainIds = [.. await db.QueryAsync<long>(Sql.Followed, new { UserId = userId }, ct)];
        Chains = await db.QueryAsync<ChainOption>(Sql.Chains, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.UserId() is not { } userId)
        {
            return Challenge();
        }

        Chains = await db.QueryAsync<ChainOption>(Sql.Chains, ct: ct);
        Form.ChainIds = [.. Form.ChainIds.Distinct()];
        if (Form.ChainIds.Any(id => Chains.All(c => c.Id != id)))
        {
            ModelState.AddModelError(string.Empty, l["Email.Profile.BadChain"]);
        }

        var culture = AppCultures.Match(Form.Culture);
        if (culture is null || culture != Form.Culture)
        {
            ModelState.AddModelError($"{nameof(Form)}.{nameof(Form.Culture)}", l["Validation.InvalidValue", Form.Culture ?? string.Empty, l["Email.Field.Culture"]]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var before = await db.QuerySingleOrDefaultAsync<ProfileForm>(Sql.Get, new { UserId = userId }, ct);
        var followedBefore = await db.QueryAsync<long>(Sql.Followed, new { UserId = userId }, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(async session =>
        {
            var args = new { UserId = userId, Form.DigestEnabled, Culture = culture, Now = now };
            if (await session.Connection.ExecuteAsync(Sql.UpdatePreferences, args, session.Transaction) == 0)
            {
                await session.Connection.ExecuteAsync(Sql.InsertPreferences, args, session.Transaction);
            }

            await session.Connection.ExecuteAsync(Sql.SetCulture, args, session.Transaction);
            await session.Connection.ExecuteAsync(Sql.Unfollow, args, session.Transaction);
            foreach (var chainId in Form.ChainIds)
            {
                await session.Connection.ExecuteAsync(Sql.Follow, new { UserId = userId, ChainId = chainId }, session.Transaction);
            }

            await audit.WriteAsync(session, "UserPreferences", userId, "update", new
            {
                DigestEnabled = new object?[] { before?.DigestEnabled, Form.DigestEnabled },
                Culture = new object?[] { before?.Culture, culture },
                ChainIds = new object?[] { followedBefore, Form.ChainIds },
            });
            return 0;
        }, ct);

        TempData["Flash"] = AppCultures.With(culture!, () => l["Email.Profile.Saved"].Value);
        // Through ?culture= so this browser's language cookie follows the choice too.
        return RedirectToPage("/Account/Profile", new { culture });
    }

    public sealed record ChainOption(long Id, string Code, string Name, string? NameEn);

    public sealed class ProfileForm
    {
        [Display(Name = "Email.Field.DigestEnabled")]
        public bool DigestEnabled { get; set; } = true;

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Email.Field.Culture")]
        public string? Culture { get; set; } = AppCultures.Chinese;

        public List<long> ChainIds { get; set; } = [];
    }

    internal static class Sql
    {
        public const string Get = """
            SELECT CASE WHEN pr.DigestEnabled IS NULL OR pr.DigestEnabled = 1 THEN 1 ELSE 0 END AS DigestEnabled, u.Culture
            FROM Users u
            LEFT JOIN UserEmailPreferences pr ON pr.UserId = u.Id
            WHERE u.Id = @UserId
            """;

        public const string Followed = "SELECT ChainId FROM UserFollowedChains WHERE UserId = @UserId ORDER BY ChainId";

        public const string Chains = "SELECT Id, Code, Name, NameEn FROM Chains ORDER BY Code";

        public const string UpdatePreferences = "UPDATE UserEmailPreferences SET DigestEnabled = @DigestEnabled, UpdatedAtUtc = @Now WHERE UserId = @UserId";

        public const string InsertPreferences = "INSERT INTO UserEmailPreferences (UserId, DigestEnabled, UpdatedAtUtc) VALUES (@UserId, @DigestEnabled, @Now)";

        public const string SetCulture = "UPDATE Users SET Culture = @Culture WHERE Id = @UserId";

        public const string Unfollow = "DELETE FROM UserFollowedChains WHERE UserId = @UserId";

        public const string Follow = "INSERT INTO UserFollowedChains (UserId, ChainId) VALUES (@UserId, @ChainId)";
    }
}
