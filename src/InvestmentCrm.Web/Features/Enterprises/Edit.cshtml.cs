using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>/enterprises/{id}/edit: saved only if nobody saved the enterprise since the form was read (Version).</summary>
public sealed class EditModel(IDb db, EnterpriseWriter writer, IStringLocalizer<SharedResource> l) : EnterpriseFormPage(db, writer, l)
{
    public string StoredName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await LoadStoredAsync(id, ct) is not { } stored)
        {
            return NotFound();
        }

        Form = EnterpriseForm.From(stored.Record, stored.Version);
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadStoredAsync(id, ct) is not { } stored)
        {
            return NotFound();
        }

        StoredNameKey = Domain.EnterpriseName.Key(stored.Record.Name);
        var result = await SaveAsync(record => Writer.UpdateAsync(id, Form.Version, record, ct), ct);
        if (result is null)
        {
            return Page();
        }

        TempData["Flash"] = (result.Outcome == SaveOutcome.Unchanged
            ? l["Enterprises.Done.Unchanged", Form.Name.Trim()]
            : l["Enterprises.Done.Saved", Form.Name.Trim()]).Value;
        return RedirectToPage("/Enterprises/Details", new { id });
    }

    /// <summary>The stored enterprise, its id and name kept for the page; null when there is none.</summary>
    private async Task<(EnterpriseRecord Record, int Version)?> LoadStoredAsync(long id, CancellationToken ct)
    {
        var stored = await Writer.LoadAsync(id, ct);
        if (stored is { } found)
        {
            EnterpriseId = id;
            StoredName = found.Record.Name;
        }

        return stored;
    }
}
