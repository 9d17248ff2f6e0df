using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Parks;

/// <summary>/parks/create.</summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
public sealed class CreateModel(IDb db, AuditLog audit, TimeProvider clock, Zones.ZoneStore zones, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ParkForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid || !await Form.CheckZoneAsync(zones, ModelState, l, ct))
        {
            return Page();
        }

        var park = new
        {
            Name = Form.Name.Trim(),
            District = ParkForm.Optional(Form.District),
            Form.AreaMu,
            LeadingIndustries = ParkForm.Optional(Form.LeadingIndustries),
            Form.ZoneId,
            Now = clock.GetUtcNow().UtcDateTime,
        };
        var id = await db.InTransactionAsync(async session =>
        {
            if (await session.ExecuteScalarAsync<long?>(Sql.IdByName, new { park.Name }) is not null)
            {
                return 0L;
            }

            var newId = await session.InsertAsync(Sql.Insert, park);
            await audit.WriteAsync(session, "Park", newId, "create", Form.Values());
            return newId;
        }, ct);
        if (id == 0)
        {
            ModelState.AddModelError("Form.Name", l["Parks.Error.NameTaken", park.Name]);
            return Page();
        }

        TempData["Flash"] = l["Parks.Done.Created", park.Name].Value;
        return RedirectToPage("/Parks/Index");
    }

    internal static class Sql
    {
        public const string IdByName = "SELECT Id FROM Parks WHERE Name = @Name";

        public const string Insert = """
            INSERT INTO Parks (Name, District, AreaMu, LeadingIndustries, ZoneId, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Name, @District, @AreaMu, @LeadingIndustries, @ZoneId, @Now, @Now)
            """;
    }
}
