using InvestmentCrm.Web.Features.Pickers;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>
/// The project form's enterprise and chain nodes, chosen with pickers: the registry and the chains are too large to
/// list, so the form carries the chosen enterprise (its USCC, or a typed USCC or full name) and the chosen node ids
/// plus typed CHAIN:NODE references, and shows the chosen ones by name.
/// </summary>
public sealed record ProjectFormChoices(EnterpriseChoice? Enterprise, IReadOnlyList<Enterprises.NodeOption> Nodes)
{
    public static async Task<ProjectFormChoices> LoadAsync(IDb db, ProjectForm form, CancellationToken ct) =>
        new(form.EnterpriseId is { } id ? await EnterpriseChoices.ByIdAsync(db, id, ct) : null,
            await NodeChoices.ByIdsAsync(db, form.Nodes, ct));

    /// <summary>Turns the typed or picked enterprise and node references into ids, with a problem per field that names
    /// nothing (the typed text stays in its field).</summary>
    public static async Task ResolveAsync(IDb db, ProjectForm form, ModelStateDictionary modelState, IStringLocalizer l, CancellationToken ct)
    {
        var typed = form.Enterprise?.Trim();
        if (!string.IsNullOrEmpty(typed))
        {
            var resolved = await EnterpriseChoices.ResolveAsync(db, typed, ct);
            form.EnterpriseId = resolved.Found?.Id;
            form.Enterprise = resolved.Found?.Uscc ?? typed;
            if (resolved.Found is null)
            {
                modelState.AddModelError("Form.Enterprise", resolved.SameName > 1
                    ? l["Pickers.Error.AmbiguousEnterprise", typed, resolved.SameName]
                    : l["Pickers.Error.UnknownEnterprise", typed]);
            }
        }
        else if (form.EnterpriseId is null)
        {
            modelState.AddModelError("Form.Enterprise", l["Validation.Required", l["Projects.Field.Enterprise"]]);
        }

        if (await NodeChoices.AddTypedAsync(db, form.Nodes, form.AddNodes, "Form.AddNodes", modelState, l, ct) is not { } ids)
        {
            return;
        }

        form.Nodes = ids;
        form.AddNodes = null;
    }
}
