using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Pickers;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>/chains/{code}/edit: names, description and parks of a chain, its chief (链长, a Leader) and leading
/// enterprises (链主企业, <see cref="ChainLeadership"/>); the code stays as created.</summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
public sealed class EditModel(IDb db, ChainMapImporter chains, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ChainForm Form { get; set; } = new();

    public IReadOnlyList<ParkOption> Parks { get; private set; } = [];

    public IReadOnlyList<ChiefOption> Chiefs { get; private set; } = [];

    public IReadOnlyList<PickerItem> LeadingChosen { get; private set; } = [];

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
        if (await ChainLeadership.ReadAsync(db, chain.Map.Code, ct) is { } leaders)
        {
            Form.ChiefUserId = leaders.ChiefUserId;
            Form.LeadingEnterpriseIds = [.. leaders.Leading.Select(e => e.Id)];
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var chain = await chains.LoadAsync(code.ToUpperInvariant(), ct);
        if (chain is null)
        {
            return NotFound();
        }

        Form.Code = chain.Map.Code;
        ModelState.Remove("Form.Code");
        var leading = await EnterpriseChoices.AddTypedAsync(db, Form.LeadingEnterpriseIds, Form.AddLeading, "Form.AddLeading", ChainLeadership.MaxLeading, ModelState, l, ct);
        if (!ModelState.IsValid || leading is null)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }

        // What was typed is now ticked: shown as chosen boxes if the page comes back.
        Form.LeadingEnterpriseIds = leading;
        Form.AddLeading = null;
        ModelState.Remove("Form.AddLeading");
        await LoadChoicesAsync(ct);
        var map = chain.Map with { Name = Form.Name, NameEn = Form.NameEn, Description = Form.Description };
        var leaders = new ChainLeaders(Form.ChiefUserId, leading);
        var result = await chains.SaveAsync(new ChainSaveRequest(map, ChainSaveMode.Update, Form.Version, Form.ParkIds, leaders), ct);
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

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Parks = await db.QueryAsync<ParkOption>(Sql.Parks, ct: ct);
        Chiefs = await ChainLeadership.CandidatesAsync(db, ct);
        if (Form.ChiefUserId is { } chief && Chiefs.All(c => c.Id != chief)
            && await ChainLeadership.ReadAsync(db, Form.Code, ct) is { ChiefUserId: { } stored, ChiefName: { } name } && stored == chief)
        {
            // A chief who has since lost the Leader role stays visible (saving then asks for another) rather than
            // being cleared unnoticed by a list that no longer holds them.
            Chiefs = [.. Chiefs, new ChiefOption(stored, l["Chains.ChiefNotLeaderNow", name])];
        }

        LeadingChosen = [.. (await EnterpriseChoices.ByIdsAsync(db, Form.LeadingEnterpriseIds, ChainLeadership.MaxLeading, ct)).Select(e => EnterpriseChoices.Item(l, e))];
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
