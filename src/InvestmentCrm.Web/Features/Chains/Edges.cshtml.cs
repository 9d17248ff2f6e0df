using System.ComponentModel.DataAnnotations;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>/chains/{code}/edges: add and remove supply edges ("u supplies v"). Saved as a whole map, like the
/// node editor, so self-loops, unknown nodes and duplicates are refused by the same rules as an import.</summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
public sealed class EdgesModel(ChainMapImporter chains, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public EdgeForm Form { get; set; } = new();

    public StoredChain Chain { get; private set; } = null!;

    public string ChainName => ChainText.Name(Chain.Map.Name, Chain.Map.NameEn);

    public string NodeName(string code) =>
        Chain.Map.Nodes.FirstOrDefault(n => n.Code == code) is { } n ? ChainText.Name(n.Name, n.NameEn) : code;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        Form = new EdgeForm { Version = Chain.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var edge = new ChainEdgeSpec(Form.From, Form.To, Form.Weight);
        return await SaveAsync(Chain.Map with { Edges = [.. Chain.Map.Edges, edge] }, "Chains.Done.EdgeAdded", edge, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string code, string from, string to, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        foreach (var key in ModelState.Keys.Where(k => k != "Form.Version").ToList())
        {
            ModelState.Remove(key);
        }

        var edge = Chain.Map.Edges.FirstOrDefault(e => e.From == from && e.To == to);
        if (edge is null)
        {
            return RedirectToPage("/Chains/Edges", new { code = Chain.Map.Code });
        }

        var map = Chain.Map with { Edges = Chain.Map.Edges.Where(e => e != edge).ToList() };
        var version = Form.Version;
        Form = new EdgeForm { Version = version };
        return await SaveAsync(map, "Chains.Done.EdgeRemoved", edge, ct);
    }

    private async Task<IActionResult> SaveAsync(ChainMap map, string doneKey, ChainEdgeSpec edge, CancellationToken ct)
    {
        var result = await chains.SaveAsync(new ChainSaveRequest(map, ChainSaveMode.Update, Form.Version), ct);
        switch (result.Outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Conflict:
                ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
                ModelState.Remove("Form.Version");
                Form.Version = Chain.Version;
                return Page();
            case SaveOutcome.Rejected:
                ChainText.AddTo(ModelState, l, result.Problems);
                return Page();
            default:
                TempData["Flash"] = l[doneKey, NodeName(edge.From), NodeName(edge.To)].Value;
                return RedirectToPage("/Chains/Edges", new { code = map.Code });
        }
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var chain = await chains.LoadAsync(code.ToUpperInvariant(), ct);
        Chain = chain!;
        return chain is not null;
    }

    public sealed class EdgeForm
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Chains.Field.From")]
        public string From { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Chains.Field.To")]
        public string To { get; set; } = "";

        [Display(Name = "Chains.Field.Weight")]
        public decimal? Weight { get; set; }

        public int Version { get; set; }
    }
}
