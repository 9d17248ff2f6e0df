using System.ComponentModel.DataAnnotations;
using System.Globalization;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Admin.Users;

/// <summary>
/// /admin/users/edit/{id}: name, role and team (guarded by the user's concurrency stamp, so two admins cannot
/// overwrite each other), and a password reset.
/// </summary>
public sealed class EditModel(
    UserManager<AppUser> users,
    UserAccounts accounts,
    IDb db,
    AuditLog audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public UserForm Form { get; set; } = new();

    [BindProperty]
    public ResetForm Reset { get; set; } = new();

    public string Email { get; private set; } = string.Empty;

    public IReadOnlyList<string> TeamNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var user = await LoadAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }

        Form = new UserForm
        {
            DisplayName = user.DisplayName,
            Role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Staff,
            Team = await db.ExecuteScalarAsync<string?>(Sql.TeamName, new { Id = user.TeamId }, ct),
            ConcurrencyStamp = user.ConcurrencyStamp,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var user = await LoadAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }

        ModelState.KeepOnly("Form.");
        var role = Roles.Parse(Form.Role);
        if (role is null)
        {
            ModelState.AddModelError("Form.Role", l["Users.Error.UnknownRole", Form.Role ?? string.Empty, string.Join(", ", Roles.All)]);
        }

        var oldRole = (await users.GetRolesAsync(user)).FirstOrDefault();
        if (user.Id == User.UserId() && oldRole == Roles.Admin && role != Roles.Admin)
        {
            ModelState.AddModelError("Form.Role", l["Users.Error.CannotDemoteSelf"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The stamp from the form, not the one just read: a change made since the form was opened is a conflict.
        var before = new { user.DisplayName, user.TeamId, Role = oldRole };
        user.ConcurrencyStamp = Form.ConcurrencyStamp;
        user.DisplayName = Form.DisplayName.Trim();
        user.TeamId = await accounts.EnsureTeamAsync(Form.Team, ct);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? l["Common.ConcurrencyConflict"]
                : result.Errors.First().Description);
            return Page();
        }

        if (role != oldRole)
        {
            if (oldRole is not null)
            {
                await users.RemoveFromRoleAsync(user, oldRole);
            }

            await users.AddToRoleAsync(user, role!);
            await users.UpdateSecurityStampAsync(user);
        }

        await audit.WriteAsync(db, "User", user.Id, "update", AuditLog.Diff(
            new Dictionary<string, object?> { ["DisplayName"] = before.DisplayName, ["TeamId"] = before.TeamId, ["Role"] = before.Role },
            new Dictionary<string, object?> { ["DisplayName"] = user.DisplayName, ["TeamId"] = user.TeamId, ["Role"] = role }));
        TempData["Flash"] = l["Users.Done.update", user.DisplayName].Value;
        return RedirectToPage("/Admin/Users/Index");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(long id, CancellationToken ct)
    {
        var user = await LoadAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }

        ModelState.KeepOnly("Reset.");

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, Reset.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Reset.NewPassword", error.Description);
            }

            return Page();
        }

        await audit.WriteAsync(db, "User", user.Id, "reset-password");
        TempData["Flash"] = l["Users.Done.reset-password", user.DisplayName].Value;
        return RedirectToPage("/Admin/Users/Index");
    }

    /// <summary>The user with this id and what every handler shows beside the forms; null when there is none.</summary>
    private async Task<AppUser?> LoadAsync(long id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
        if (user is not null)
        {
            Email = user.Email;
            TeamNames = await accounts.TeamNamesAsync(ct);
        }

        return user;
    }

    public sealed class UserForm
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(100, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.DisplayName")]
        public string DisplayName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.Role")]
        public string? Role { get; set; }

        [StringLength(100, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.Team")]
        public string? Team { get; set; }

        public string ConcurrencyStamp { get; set; } = string.Empty;
    }

    public sealed class ResetForm
    {
        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [StringLength(128, MinimumLength = 8, ErrorMessage = "Validation.Length")]
        [Display(Name = "Field.NewPassword")]
        public string NewPassword { get; set; } = string.Empty;
    }

    internal static class Sql
    {
        public const string TeamName = "SELECT Name FROM Teams WHERE Id = @Id";
    }
}
