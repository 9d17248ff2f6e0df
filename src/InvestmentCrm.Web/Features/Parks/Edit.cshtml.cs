using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Parks;

/// <summary>/parks/edit/{id}: change a park, or delete one that no enterprise is in.</summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
public sealed class EditModel(IDb db, AuditLog audit, TimeProvider clock, Zones.ZoneStore zones, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ParkForm Form { get; set; } = new();

    public string CurrentName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var park = await db.QuerySingleOrDefaultAsync<ParkForm>(Sql.Get, new { Id = id }, ct);
        if (park is null)
        {
            return NotFound();
        }

        Form = park;
        CurrentName = park.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var before = await db.QuerySingleOrDefaultAsync<ParkForm>(Sql.Get, new { Id = id }, ct);
        if (before is null)
        {
            return NotFound();
        }

        CurrentName = before.Name;
        if (!ModelState.IsValid || !await Form.CheckZoneAsync(zones, ModelState, l, ct))
        {
            return Page();
        }

        var park = new
        {
            Id = id,
            Name = Form.Name.Trim(),
            District = ParkForm.Optional(Form.District),
            Form.AreaMu,
            LeadingIndustries = ParkForm.Optional(Form.LeadingIndustries),
            Form.ZoneId,
            Now = clock.GetUtcNow().UtcDateTime,
        };
        var saved = await db.InTransactionAsync(async session =>
        {
            if (await session.ExecuteScalarAsync<long?>(Sql.OtherWithName, new { park.Name, park.Id }) is not null)
            {
                return false;
            }

            await session.ExecuteAsync(Sql.Update, park);
            await audit.WriteAsync(session, "Park", id, "update", AuditLog.Diff(before.Values(), Form.Values()));
            return true;
        }, ct);
        if (!saved)
        {
            ModelState.AddModelError("Form.Name", l["Parks.Error.NameTaken", park.Name]);
            return Page();
        }

        TempData["Flash"] = l["Parks.Done.Saved", park.Name].Value;
        return RedirectToPage("/Parks/Index");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        var (found, enterprises, name) = await db.InTransactionAsync<(bool, long, string)>(async session =>
        {
            var park = await session.QuerySingleOrDefaultAsync<ParkForm>(Sql.Get, new { Id = id });
            if (park is null)
            {
                return (false, 0L, "");
            }

            var count = await session.ExecuteScalarAsync<long>(Sql.Enterprises, new { Id = id });
            if (count > 0)
            {
                return (true, count, park.Name);
            }

            await session.ExecuteAsync(Sql.Delete, new { Id = id });
            await audit.WriteAsync(session, "Park", id, "delete", new { park.Name });
            return (true, 0L, park.Name);
        }, ct);
        if (!found)
        {
            return NotFound();
        }

        if (enterprises > 0)
        {
            TempData["Error"] = l["Parks.Error.HasEnterprises", name, enterprises].Value;
            return RedirectToPage("/Parks/Edit", new { id });
        }

        TempData["Flash"] = l["Parks.Done.Deleted", name].Value;
        return RedirectToPage("/Parks/Index");
    }

    internal static class Sql
    {
        public const string Get = "SELECT Name, District, AreaMu, LeadingIndustries, ZoneId FROM Parks WHERE Id = @Id";

        public const string OtherWithName = "SELECT Id FROM Parks WHERE Name = @Name AND Id <> @Id";

        public const string Update = """
            UPDATE Parks
            SET Name = @Name, District = @District, AreaMu = @AreaMu, LeadingIndustries = @LeadingIndustries, ZoneId = @ZoneId, UpdatedAtUtc = @Now
            WHERE Id = @Id
            """;

        public const string Enterprises = "SELECT COUNT(*) FROM Enterprises WHERE ParkId = @Id";

        // Its chain links go with it (ParkChains cascades).
        public const string Delete = "DELETE FROM Parks WHERE Id = @Id";
    }
}
