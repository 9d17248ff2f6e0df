using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Parks.Zones;

/// <summary>/parks/zones: the development zones (一区多园) with their level, area and how many parks each holds.</summary>
public sealed class IndexModel(ZoneStore zones) : PageModel
{
    public IReadOnlyList<ZoneRow> Zones { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Zones = await zones.ListAsync(ct);
}
