using System.ComponentModel.DataAnnotations;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>A chain's own fields on the create and edit pages (its nodes and edges have their own pages).</summary>
public sealed class ChainForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(32, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Chains.Field.Code")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ChainMapValidator.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Chains.Field.Name")]
    public string Name { get; set; } = "";

    [StringLength(ChainMapValidator.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Chains.Field.NameEn")]
    public string? NameEn { get; set; }

    [StringLength(ChainMapValidator.MaxDescriptionLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Chains.Field.Description")]
    public string? Description { get; set; }

    [Display(Name = "Chains.Parks")]
    public List<long> ParkIds { get; set; } = [];

    public int Version { get; set; }

    [Display(Name = "Chains.Field.Chief")]
    public long? ChiefUserId { get; set; }

    [Display(Name = "Chains.Field.Leading")]
    public List<long> LeadingEnterpriseIds { get; set; } = [];

    /// <summary>Leading enterprises typed by USCC or full name (the picker without script).</summary>
    public string? AddLeading { get; set; }

    /// <summary>Where a problem of the chain's own fields goes on this form.</summary>
    public static string FieldOf(FieldProblem problem) => problem.Field switch
    {
        "code" => "Form.Code",
        "name" => "Form.Name",
        "nameEn" => "Form.NameEn",
        "description" => "Form.Description",
        "chief" => "Form.ChiefUserId",
        "leading" => "Form.AddLeading",
        _ => "",
    };
}

public sealed record ParkOption(long Id, string Name);
