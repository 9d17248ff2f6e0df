using System.ComponentModel.DataAnnotations;
using InvestmentCrm.Web.Domain.Land;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>/land/settings (Admin): indicator weights, the ratio cap, the grade shares (typed in percent) and whether
/// C enterprises' land counts as freeable. Weights must sum to 1 and shares to 100 %; a stale form (someone saved
/// meanwhile) is refused with the typed values kept.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class SettingsModel(LandQueries queries, IDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var stored = await queries.SettingsAsync(ct);
        Form = SettingsForm.From(stored.Settings, stored.Version);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The range rules apply to whatever was typed; the sums only when every field has a value.
        var complete = ModelState.IsValid;
        var settings = Form.ToSettings();
        foreach (var (field, key) in settings.Problems().Where(p => complete || p.Field is not ("Weights" or "Shares")))
        {
            if (ModelState["Form." + (field.StartsWith("Share", StringComparison.Ordinal) ? field + "Percent" : field)]?.Errors.Count > 0)
            {
                continue;
            }

            var name = field is "Weights" or "Shares" ? "" : "Form." + (field.StartsWith("Share", StringComparison.Ordinal) ? field + "Percent" : field);
            ModelState.AddModelError(name, l[key]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var before = await queries.SettingsAsync(ct);
        var saved = await db.InTransactionAsync(async session =>
        {
            var updated = await session.ExecuteAsync(Sql.Update, new
            {
                settings.WeightTax,
                settings.WeightOutput,
                settings.WeightLabour,
                settings.WeightRd,
                settings.WeightEnergy,
                settings.RatioCap,
                settings.ShareA,
                settings.ShareB,
                settings.ShareC,
                settings.ShareD,
                settings.FreeableIncludesC,
                Form.Version,
                Now = clock.GetUtcNow().UtcDateTime,
            });
            if (updated == 0)
            {
                return false;
            }

            await audit.WriteAsync(session, "LandGradingSettings", 1, "update", AuditLog.Diff(Snapshot(before.Settings), Snapshot(settings)));
            return true;
        }, ct);
        if (!saved)
        {
            ModelState.AddModelError("", l["Common.ConcurrencyConflict"]);
            return Page();
        }

        TempData["Flash"] = l["Land.Settings.Saved"].Value;
        return RedirectToPage("/Land/Index");
    }

    private static Dictionary<string, object?> Snapshot(LandGradingSettings s) => new()
    {
        ["WeightTax"] = s.WeightTax,
        ["WeightOutput"] = s.WeightOutput,
        ["WeightLabour"] = s.WeightLabour,
        ["WeightRd"] = s.WeightRd,
        ["WeightEnergy"] = s.WeightEnergy,
        ["RatioCap"] = s.RatioCap,
        ["ShareA"] = s.ShareA,
        ["ShareB"] = s.ShareB,
        ["ShareC"] = s.ShareC,
        ["ShareD"] = s.ShareD,
        ["FreeableIncludesC"] = s.FreeableIncludesC,
    };

    internal static class Sql
    {
        public const string Update = """
            UPDATE LandGradingSettings
            SET WeightTax = @WeightTax, WeightOutput = @WeightOutput, WeightLabour = @WeightLabour, WeightRd = @WeightRd,
                WeightEnergy = @WeightEnergy, RatioCap = @RatioCap, ShareA = @ShareA, ShareB = @ShareB, ShareC = @ShareC,
                ShareD = @ShareD, FreeableIncludesC = @FreeableIncludesC, Version = Version + 1, UpdatedAtUtc = @Now
            WHERE Id = 1 AND Version = @Version
            """;
    }
}

/// <summary>The settings as typed: weights as fractions (0.4), shares in percent (20).</summary>
public sealed class SettingsForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Land.Indicator.Tax")]
    public decimal? WeightTax { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Land.Indicator.Output")]
    public decimal? WeightOutput { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Land.Indicator.Labour")]
    public decimal? WeightLabour { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Land.Indicator.Rd")]
    public decimal? WeightRd { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Land.Indicator.Energy")]
    public decimal? WeightEnergy { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Land.Settings.Cap")]
    public decimal? RatioCap { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Land.Grade.A")]
    public decimal? ShareAPercent { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Land.Grade.B")]
    public decimal? ShareBPercent { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Land.Grade.C")]
    public decimal? ShareCPercent { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Land.Grade.D")]
    public decimal? ShareDPercent { get; set; }

    public bool FreeableIncludesC { get; set; }

    public int Version { get; set; }

    public static SettingsForm From(LandGradingSettings s, int version) => new()
    {
        WeightTax = s.WeightTax,
        WeightOutput = s.WeightOutput,
        WeightLabour = s.WeightLabour,
        WeightRd = s.WeightRd,
        WeightEnergy = s.WeightEnergy,
        RatioCap = s.RatioCap,
        ShareAPercent = s.ShareA * 100 / 1.0000m,
        ShareBPercent = s.ShareB * 100 / 1.0000m,
        ShareCPercent = s.ShareC * 100 / 1.0000m,
        ShareDPercent = s.ShareD * 100 / 1.0000m,
        FreeableIncludesC = s.FreeableIncludesC,
        Version = version,
    };

    /// <summary>The settings typed; a blank field (already reported as required) counts as 0 here.</summary>
    public LandGradingSettings ToSettings() => new(
        WeightTax ?? 0,
        WeightOutput ?? 0,
        WeightLabour ?? 0,
        WeightRd ?? 0,
        WeightEnergy ?? 0,
        RatioCap ?? 0,
        (ShareAPercent ?? 0) / 100,
        (ShareBPercent ?? 0) / 100,
        (ShareCPercent ?? 0) / 100,
        (ShareDPercent ?? 0) / 100,
        FreeableIncludesC);
}
