using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>/enterprises/create: any signed-in user registers an enterprise (staff register their targets).</summary>
public sealed class CreateModel(IDb db, EnterpriseWriter writer, IStringLocalizer<SharedResource> l) : EnterpriseFormPage(db, writer, l)
{
    public async Task OnGetAsync(string? kind, CancellationToken ct)
    {
        if (kind is "local" or "prospect")
        {
            Form.Kind = kind;
        }

        await LoadChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await SaveAsync(record => Writer.CreateAsync(record, ct), ct);
        if (result is null)
        {
            return Page();
        }

        TempData["Flash"] = l["Enterprises.Done.Created", Form.Name.Trim()].Value;
        return RedirectToPage("/Enterprises/Details", new { id = result.Id });
    }
}
