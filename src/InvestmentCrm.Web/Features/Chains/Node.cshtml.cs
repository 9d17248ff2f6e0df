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

/// <summary>
/// /chains/{code}/nodes (new) and /chains/{code}/nodes/{node} (edit, delete): one node of a chain. The edit is
/// applied to the whole stored map and saved like an import, so the same rules hold (unique codes, no parent loops)
/// and the chain's version guards against a concurrent edit.
/// </summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
public sealed class NodeModel(ChainMapImporter chains, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public NodeForm Form { get; set; } = new();

    public StoredChain Chain { get; private set; } = null!;

    /// <summary>The code of the node being edited; null for a new node.</summary>
    public string? Editing { get; private set; }

    public string ChainName => ChainText.Name(Chain.Map.Name, Chain.Map.NameEn);

    public IEnumerable<ChainNodeSpec> ParentChoices => Chain.Map.Nodes.Where(n => n.Code != Editing);

    public async Task<IActionResult> OnGetAsync(string code, string? node, string? segment, string? parent, CancellationToken ct)
    {
        if (!await LoadAsync(code, node, ct))
        {
            return NotFound();
        }

        var spec = Chain.Map.Nodes.FirstOrDefault(n => n.Code == Editing);
        Form = spec is null
            ? new NodeForm { Segment = Segments.All.Contains(segment) ? segment! : Segments.Upstream, Parent = parent, Version = Chain.Version }
            : new NodeForm
            {
                Code = spec.Code,
                Name = spec.Name,
                NameEn = spec.NameEn,
                Segment = spec.Segment,
                Parent = spec.Parent,
                IndustryCodes = string.Join("; ", spec.IndustryCodes),
                IsKey = spec.Key,
                Description = spec.Description,
                Version = Chain.Version,
            };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, string? node, CancellationToken ct)
    {
        if (!await LoadAsync(code, node, ct))
        {
            return NotFound();
        }

        if (Editing is not null)
        {
            Form.Code = Editing;
            ModelState.Remove("Form.Code");
        }

        Form.Code = Form.Code.Trim().ToUpperInvariant();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var spec = new ChainNodeSpec(
            Form.Code,
            Form.Name,
            Form.NameEn,
            Form.Segment,
            string.IsNullOrWhiteSpace(Form.Parent) ? null : Form.Parent,
            ChainText.SplitCodes(Form.IndustryCodes),
            Form.IsKey,
            Form.Description);
        var nodes = Editing is null
            ? [.. Chain.Map.Nodes, spec]
            : Chain.Map.Nodes.Select(n => n.Code == Editing ? spec : n).ToList();
        return await SaveAsync(Chain.Map with { Nodes = nodes }, "Chains.Done.NodeSaved", spec.Code, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string code, string node, CancellationToken ct)
    {
        if (!await LoadAsync(code, node, ct) || Editing is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        var children = Chain.Map.Nodes.Where(n => n.Parent == Editing).Select(n => n.Code).ToList();
        if (children.Count > 0)
        {
            ModelState.AddModelError(string.Empty, l["Chains.Error.NodeHasChildren", Editing, string.Join(", ", children)]);
            return Page();
        }

        // The node's supply edges go with it: they mean nothing without it.
        var map = Chain.Map with
        {
            Nodes = Chain.Map.Nodes.Where(n => n.Code != Editing).ToList(),
            Edges = Chain.Map.Edges.Where(e => e.From != Editing && e.To != Editing).ToList(),
        };
        return await SaveAsync(map, "Chains.Done.NodeDeleted", Editing, ct);
    }

    private async Task<IActionResult> SaveAsync(ChainMap map, string doneKey, string nodeCode, CancellationToken ct)
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
                TempData["Flash"] = l[doneKey, nodeCode].Value;
                return RedirectToPage("/Chains/Details", null, new { code = map.Code }, "node-" + nodeCode);
        }
    }

    private async Task<bool> LoadAsync(string code, string? node, CancellationToken ct)
    {
        var chain = await chains.LoadAsync(code.ToUpperInvariant(), ct);
        if (chain is null)
        {
            return false;
        }

        Chain = chain;
        if (node is null)
        {
            return true;
        }

        Editing = chain.Map.Nodes.FirstOrDefault(n => string.Equals(n.Code, node, StringComparison.OrdinalIgnoreCase))?.Code;
        return Editing is not null;
    }

    public sealed class NodeForm
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(32, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Chains.Field.NodeCode")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(ChainMapValidator.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Chains.Field.Name")]
        public string Name { get; set; } = "";

        [StringLength(ChainMapValidator.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Chains.Field.NameEn")]
        public string? NameEn { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Chains.Field.Segment")]
        public string Segment { get; set; } = Segments.Upstream;

        [Display(Name = "Chains.Field.Parent")]
        public string? Parent { get; set; }

        [StringLength(150, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Chains.Field.IndustryCodes")]
        public string? IndustryCodes { get; set; }

        [Display(Name = "Chains.Field.Key")]
        public bool IsKey { get; set; }

        [StringLength(ChainMapValidator.MaxDescriptionLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Chains.Field.Description")]
        public string? Description { get; set; }

        public int Version { get; set; }
    }
}
