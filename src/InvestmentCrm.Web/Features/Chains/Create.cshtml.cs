using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>/chains/create: a new, empty chain (code, names, parks); nodes are added on its page next.</summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
public sealed class CreateModel(IDb db, ChainMapImporter chains, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ChainForm Form { get; set; } = new();

    public IReadOnlyList<ParkOption> Parks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Parks = await db.QueryAsync<ParkOption>(Sql.Parks, ct: ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Parks = await db.QueryAsync<ParkOption>(Sql.Parks, ct: ct);
        Form.Code = Form.Code.Trim().ToUpperInvariant();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var map = new ChainMap(Form.Code, Form.Name, Form.NameEn, Form.Description, [], []);
        var result = await chains.SaveAsync(new ChainSaveRequest(map, ChainSaveMode.Create, ParkIds: Form.ParkIds), ct);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems)
            {
                ModelState.AddModelError(ChainForm.FieldOf(problem), ChainProblemText.Message(l, problem));
            }

            return Page();
        }

        TempData["Flash"] = l["Chains.Done.Created", map.Code].Value;
        return RedirectToPage("/Chains/Details", new { code = map.Code });
    }

    internal static class Sql
    {
        public const string Parks = "SELECT Id, Name FROM Parks ORDER BY Name";
    }
}
