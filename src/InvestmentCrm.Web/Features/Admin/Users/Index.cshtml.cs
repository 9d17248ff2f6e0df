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
/// /admin/users: find users, and disable, enable or unlock them. A locked account shows until when and the failed
/// sign-ins counted so far; "locked" lists every account locked now (someone may be guessing at them).
/// </summary>
public sealed class IndexModel(IDb db, UserManager<AppUser> users, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    private static readonly Dictionary<string, string> SortColumns = new(StringComparer.Ordinal)
    {
        ["name"] = "u.DisplayName",
        ["email"] = "u.Email",
        ["team"] = "t.Name",
        ["lastSignIn"] = "u.LastSignInAtUtc",
    };

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public long? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    public PageOf<UserRow> Result { get; private set; } = new([], 1, Paging.DefaultSize, 0);
    public IReadOnlyList<TeamOption> Teams { get; private set; } = [];
    public string CurrentSort { get; private set; } = "name";

    public DateTime NowUtc { get; private set; }

    public bool IsLocked(UserRow user) => user.LockoutEndUtc > NowUtc;

    public async Task OnGetAsync(CancellationToken ct)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        var (page, size, skip) = Paging.Normalize(PageNumber, null);
        var (key, descending, orderBy) = Paging.Sort(Sort, SortColumns, "u.Id");
        CurrentSort = descending ? "-" + key : key;
        var filter = new
        {
            Pattern = string.IsNullOrWhiteSpace(Q) ? null : "%" + Q.Trim() + "%",
            Role = Roles.Parse(Role)?.ToUpperInvariant(),
            Team,
            Disabled = Status switch { "disabled" => (bool?)true, "active" => false, _ => null },
            LockedAfter = Status == "locked" ? NowUtc : (DateTime?)null,
            Skip = skip,
            Take = size,
        };
        var total = await db.ExecuteScalarAsync<long>(Sql.Count, filter, ct);
        var rows = await db.QueryAsync<UserRow>(SqlText.OrderBy(Sql.List, orderBy), filter, ct);
        Result = new PageOf<UserRow>(rows, page, size, total);
        Teams = await db.QueryAsync<TeamOption>(Sql.Teams, ct: ct);
    }

    public Task<IActionResult> OnPostDisableAsync(long id) => ChangeAsync(id, "disable", async user =>
    {
        if (user.Id == User.UserId())
        {
            return l["Users.Error.CannotDisableSelf"].Value;
        }

        user.IsDisabled = true;
        // UpdateSecurityStampAsync saves the flag too, and the new stamp ends the user's open sessions at their next check.
        var result = await users.UpdateSecurityStampAsync(user);
        return result.Succeeded ? null : result.Errors.First().Description;
    });

    public Task<IActionResult> OnPostEnableAsync(long id) => ChangeAsync(id, "enable", async user =>
    {
        user.IsDisabled = false;
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? null : result.Errors.First().Description;
    });

    public Task<IActionResult> OnPostUnlockAsync(long id) => ChangeAsync(id, "unlock", async user =>
    {
        var result = await users.SetLockoutEndDateAsync(user, null);
        if (result.Succeeded)
        {
            result = await users.ResetAccessFailedCountAsync(user);
        }

        return result.Succeeded ? null : result.Errors.First().Description;
    });

    private async Task<IActionResult> ChangeAsync(long id, string action, Func<AppUser, Task<string?>> change)
    {
        var user = await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null)
        {
            return NotFound();
        }

        var before = AuditedState(user);
        var error = await change(user);
        if (error is null)
        {
            var changes = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Email"] = user.Email };
            foreach (var (field, oldAndNew) in AuditLog.Diff(before, AuditedState(user)))
            {
                changes[field] = oldAndNew;
            }

            await audit.WriteAsync(db, "User", user.Id, action, changes);
            TempData["Flash"] = l["Users.Done." + action, user.DisplayName].Value;
        }
        else
        {
            TempData["Error"] = error;
        }

        return RedirectToPage(new { Q, Role, Team, Status, Sort, p = PageNumber });
    }

    private static Dictionary<string, object?> AuditedState(AppUser user) => new(StringComparer.Ordinal)
    {
        ["IsDisabled"] = user.IsDisabled,
        ["LockoutEndUtc"] = user.LockoutEndUtc,
        ["AccessFailedCount"] = user.AccessFailedCount,
    };

    public sealed class UserRow
    {
        public long Id { get; set; }
        public string Email { get; set; } = string.Empty;
        public string DisplayName { get; set; } = string.Empty;
        public string? TeamName { get; set; }
        public string? RoleName { get; set; }
        public bool IsDisabled { get; set; }
        public DateTime? LockoutEndUtc { get; set; }
        public int AccessFailedCount { get; set; }
        public DateTime? LastSignInAtUtc { get; set; }
    }

    public sealed record TeamOption(long Id, string Name);

    internal static class Sql
    {
        private const string FromWhere = """

            FROM Users u
            LEFT JOIN Teams t ON t.Id = u.TeamId
            WHERE (@Pattern IS NULL OR u.Email LIKE @Pattern OR u.DisplayName LIKE @Pattern)
              AND (@Role IS NULL OR EXISTS (SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = u.Id AND r.NormalizedName = @Role))
              AND (@Team IS NULL OR u.TeamId = @Team)
              AND (@Disabled IS NULL OR u.IsDisabled = @Disabled)
              AND (@LockedAfter IS NULL OR u.LockoutEndUtc > @LockedAfter)
            """;

        public const string Count = "SELECT COUNT(*)" + FromWhere;

        public const string List = """
            SELECT u.Id, u.Email, u.DisplayName, t.Name AS TeamName, u.IsDisabled, u.LockoutEndUtc, u.AccessFailedCount, u.LastSignInAtUtc,
                   (SELECT MIN(r.Name) FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = u.Id) AS RoleName
            """ + FromWhere + "\nORDER BY " + SqlText.OrderByPlaceholder + " " + SqlText.Paging;

        public const string Teams = "SELECT Id, Name FROM Teams ORDER BY Name";
    }
}
