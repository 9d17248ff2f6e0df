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

    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
