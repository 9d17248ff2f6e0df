using System.ComponentModel.DataAnnotations;

namespace InvestmentCrm.Web.Features.Parks;

/// <summary>A park (园区) as typed on the create and edit pages.</summary>
public sealed class ParkForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Parks.Field.Name")]
    public string Name { get; set; } = "";

    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Parks.Field.District")]
    public string? District { get; set; }

    [Range(typeof(decimal), "0", "9999999999", ErrorMessage = "Validation.Range")]
    [Display(Name = "Parks.Field.AreaMu")]
    public decimal? AreaMu { get; set; }

    [StringLength(500, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Parks.Field.LeadingIndustries")]
    public string? LeadingIndustries { get; set; }

    [Display(Name = "Parks.Field.Zone")]
    public long? ZoneId { get; set; }

    /// <summary>The values as stored and audited (trimmed, empty as null).</summary>
    public Dictionary<string, object?> Values() => new()
    {
        ["Name"] = Name.Trim(),
        ["District"] = Optional(District),
        ["AreaMu"] = AreaMu,
        ["LeadingIndustries"] = Optional(LeadingIndustries),
        ["ZoneId"] = ZoneId,
    };

    /// <summary>A zone that does not exist (deleted meanwhile, or a forged post) is refused with a message under the field.</summary>
    public async Task<bool> CheckZoneAsync(Zones.ZoneStore zones, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState,
        Microsoft.Extensions.Localization.IStringLocalizer l, CancellationToken ct)
    {
        if (ZoneId is { } id && await zones.FindAsync(id, ct) is null)
        {
            modelState.AddModelError("Form.ZoneId", l["Parks.Error.UnknownZone"]);
            return false;
        }

        return true;
    }

    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
