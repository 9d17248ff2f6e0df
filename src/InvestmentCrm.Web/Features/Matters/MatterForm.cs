using System.ComponentModel.DataAnnotations;
using InvestmentCrm.Web.Domain.Projects;

namespace InvestmentCrm.Web.Features.Matters;

/// <summary>The fields of the raise, edit and resolve forms of a coordination matter.</summary>
public sealed class MatterForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Matters.Field.Category")]
    public string Category { get; set; } = "land";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(2000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Matters.Field.Description")]
    public string Description { get; set; } = "";

    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Matters.Field.Department")]
    public string? Department { get; set; }

    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Matters.Field.Person")]
    public string? ResponsiblePerson { get; set; }

    [Display(Name = "Matters.Field.DueOn")]
    public DateOnly? DueOn { get; set; }

    [Display(Name = "Matters.Field.Status")]
    public string Status { get; set; } = CoordinationMatters.Open;

    [StringLength(2000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Matters.Field.Resolution")]
    public string? Resolution { get; set; }

    [Display(Name = "Matters.Field.ResolvedOn")]
    public DateOnly? ResolvedOn { get; set; }

    /// <summary>Ticked to take a resolved matter back up (the writer refuses it otherwise).</summary>
    public bool ConfirmReopen { get; set; }

    public int Version { get; set; }

    public MatterInput ToInput() => new(Category, Description, Department, ResponsiblePerson, DueOn, Status, Resolution, ResolvedOn);

    public static MatterForm From(MatterRow row) => new()
    {
        Category = row.Category,
        Description = row.Description,
        Department = row.Department,
        ResponsiblePerson = row.ResponsiblePerson,
        DueOn = row.DueOn,
        Status = row.Status,
        Resolution = row.Resolution,
        ResolvedOn = row.ResolvedOn,
        Version = row.Version,
    };
}

/// <summary>One coordination matter as the project panel, the edit page and the list read it.</summary>
public sealed class MatterRow
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public string ProjectCode { get; set; } = "";
    public string ProjectTitle { get; set; } = "";
    public string Category { get; set; } = "";
    public string Description { get; set; } = "";
    public string? Department { get; set; }
    public string? ResponsiblePerson { get; set; }
    public DateOnly? DueOn { get; set; }
    public string Status { get; set; } = "";
    public string? Resolution { get; set; }
    public DateOnly? ResolvedOn { get; set; }
    public string? RaisedByName { get; set; }
    public DateTime RaisedAtUtc { get; set; }
    public int Version { get; set; }

    public bool IsOverdue(DateOnly today) => CoordinationMatters.IsOverdue(DueOn, Status, today);
}
