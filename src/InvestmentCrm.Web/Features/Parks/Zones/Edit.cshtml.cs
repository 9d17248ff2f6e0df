using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Parks.Zones;

/// <summary>/parks/zones/edit (a new zone) and /parks/zones/edit/{id}: change a zone, or delete one that holds no park.
/// Who edits parks edits zones.</summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
public sealed class EditModel(ZoneStore zones, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ZoneForm Form { get; set; } = new();

    /// <summary>The stored zone; null on the "new zone" page.</summary>
    public ZoneRow? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            Current = await zones.FindAsync(existing, ct);
            if (Current is null)
            {
                return NotFound();
            }

            Form = new ZoneForm { Name = Current.Name, Level = Current.Level, AreaKm2 = Current.AreaKm2 };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        if (id is { } existing && (Current = await zones.FindAsync(existing, ct)) is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (result, _) = await zones.SaveAsync(id, Form, ct);
        switch (result)
        {
            case ZoneWrite.NotFound:
                return NotFound();
            case ZoneWrite.NameTaken:
                ModelState.AddModelError("Form.Name", l["Zones.Error.NameTaken", Form.Name.Trim()]);
                return Page();
            default:
                TempData["Flash"] = l[id is null ? "Zones.Done.Created" : "Zones.Done.Saved", Form.Name.Trim()].Value;
                return RedirectToPage("/Parks/Zones/Index");
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        var (result, name) = await zones.DeleteAsync(id, ct);
        switch (result)
        {
            case ZoneWrite.NotFound:
                return NotFound();
            case ZoneWrite.HasParks:
                TempData["Error"] = l["Zones.Error.HasParks", name].Value;
                return RedirectToPage("/Parks/Zones/Edit", new { id });
            default:
                TempData["Flash"] = l["Zones.Done.Deleted", name].Value;
                return RedirectToPage("/Parks/Zones/Index");
        }
    }
}
