using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>/chains/{code}/edit: names, description and parks of a chain; the code stays as created.</summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
public sealed class EditModel(IDb db, ChainMapImporter chains, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ChainForm Form { get; set; } = new();

    public IReadOnlyList<ParkOption> Parks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var chain = await chains.LoadAsync(code.ToUpperInvariant(), ct);
        if (chain is null)
        {
            return NotFound();
        }

        Form = new ChainForm
        {
            Code = chain.Map.Code,
            Name = chain.Map.Name,
            NameEn = chain.Map.NameEn,
            Description = chain.Map.Description,
            ParkIds = [.. chain.ParkIds],
            Version = chain.Version,
        };
        Parks = await db.QueryAsync<ParkOption>(Sql.Parks, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var chain = await chains.LoadAsync(code.ToUpperInvariant(), ct);
        if (chain is null)
        {
            return NotFound();
        }

        Parks = await db.QueryAsync<ParkOption>(Sql.Parks, ct: ct);
        Form.Code = chain.Map.Code;
        ModelState.Remove("Form.Code");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var map = chain.Map with { Name = Form.Name, NameEn = Form.NameEn, Description = Form.Description };
        var result = await chains.SaveAsync(new ChainSaveRequest(map, ChainSaveMode.Update, Form.Version, Form.ParkIds), ct);
        switch (result.Outcome)
        {
            case SaveOutcome.Conflict:
                ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
                KeepInputWithVersion(chain.Version);
                return Page();
            case SaveOutcome.Rejected:
                foreach (var problem in result.Problems)
                {
                    ModelState.AddModelError(ChainForm.FieldOf(problem), ChainProblemText.Message(l, problem));
                }

                return Page();
            case SaveOutcome.NotFound:
                return NotFound();
            default:
                TempData["Flash"] = l["Chains.Done.Saved", chain.Map.Code].Value;
                return RedirectToPage("/Chains/Details", new { code = chain.Map.Code });
        }
    }

    /// <summary>The user's input stays; the form now carries the version just read, so saving again overwrites knowingly.</summary>
    private void KeepInputWithVersion(int version)
    {
        ModelState.Remove("Form.Version");
        Form.Version = version;
    }

    internal static class Sql
    {
        public const string Parks = "SELECT Id, Name FROM Parks ORDER BY Name";
    }
}
