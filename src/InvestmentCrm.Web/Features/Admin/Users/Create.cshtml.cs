using System.ComponentModel.DataAnnotations;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Admin.Users;

public sealed class CreateModel(UserAccounts accounts, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public NewUserForm Form { get; set; } = new();

    public IReadOnlyList<string> TeamNames { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => TeamNames = await accounts.TeamNamesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        TeamNames = await accounts.TeamNamesAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.CreateAsync(Form.Email, Form.DisplayName, Form.Password, Form.Role, Form.Team, ct);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error);
            }

            return Page();
        }

        TempData["Flash"] = l["Users.Done.create", result.User!.DisplayName].Value;
        return RedirectToPage("/Admin/Users/Index");
    }

    public sealed class NewUserForm
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StringLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(100, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.DisplayName")]
        public string DisplayName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.Role")]
        public string Role { get; set; } = Roles.Staff;

        [StringLength(100, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.Team")]
        public string? Team { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [StringLength(128, MinimumLength = 8, ErrorMessage = "Validation.Length")]
        [Display(Name = "Users.InitialPassword")]
        public string Password { get; set; } = string.Empty;
    }
}
