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
        var loaded = await Writer.LoadAsync(id, ct);
        if (loaded is not { } stored)
        {
            return NotFound();
        }

        EnterpriseId = id;
        StoredName = stored.Record.Name;
        Form = EnterpriseForm.From(stored.Record, stored.Version);
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var loaded = await Writer.LoadAsync(id, ct);
        if (loaded is not { } stored)
        {
            return NotFound();
        }

        EnterpriseId = id;
        StoredName = stored.Record.Name;
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
}
