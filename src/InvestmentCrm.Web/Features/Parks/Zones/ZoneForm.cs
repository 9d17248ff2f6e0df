using System.ComponentModel.DataAnnotations;

namespace InvestmentCrm.Web.Features.Parks.Zones;

/// <summary>A development zone (开发区, 高新区) as typed on its edit page: it holds parks (一区多园).</summary>
public sealed class ZoneForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Zones.Field.Name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    // A pattern rather than [AllowedValues]: only the attributes with an adapter get their message localized.
    [RegularExpression("^(" + ZoneLevels.National + "|" + ZoneLevels.Provincial + "|" + ZoneLevels.Municipal + ")$", ErrorMessage = "Zones.Error.Level")]
    [Display(Name = "Zones.Field.Level")]
    public string Level { get; set; } = ZoneLevels.Municipal;

    [Range(typeof(decimal), "0", "99999999", ErrorMessage = "Validation.Range")]
    [Display(Name = "Zones.Field.AreaKm2")]
    public decimal? AreaKm2 { get; set; }

    /// <summary>The values as stored and audited.</summary>
    public Dictionary<string, object?> Values() => new() { ["Name"] = Name.Trim(), ["Level"] = Level, ["AreaKm2"] = AreaKm2 };
}

/// <summary>The levels a zone is approved at (国家级, 省级, 市级), as stored; names in Resources/Zones.*.json.</summary>
public static class ZoneLevels
{
    public const string National = "national";
    public const string Provincial = "provincial";
    public const string Municipal = "municipal";

    public static readonly IReadOnlyList<string> All = [National, Provincial, Municipal];

    public static string Key(string level) => "Zones.Level." + level;
}
