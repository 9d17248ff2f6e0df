using System.ComponentModel.DataAnnotations;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Web;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>The fields of the create and edit forms.</summary>
public sealed class ProjectForm
{
    [StringLength(40, ErrorMessage = "Validation.MaxLength")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$", ErrorMessage = "Projects.Error.BadCode")]
    [Display(Name = "Projects.Field.Code")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Projects.Field.Title")]
    public string Title { get; set; } = "";

    /// <summary>The chosen enterprise; <see cref="Enterprise"/> wins when it holds text.</summary>
    [Display(Name = "Projects.Field.Enterprise")]
    public long? EnterpriseId { get; set; }

    /// <summary>A USCC or a full name, as the enterprise picker sends it (picked, or typed without script).</summary>
    [StringLength(200, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Projects.Field.Enterprise")]
    public string? Enterprise { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Projects.Field.Source")]
    public string Source { get; set; } = "referral";

    [Display(Name = "Projects.Field.Owner")]
    public long? OwnerUserId { get; set; }

    [Range(1, 3, ErrorMessage = "Validation.Range")]
    [Display(Name = "Projects.Field.Priority")]
    public int Priority { get; set; } = 2;

    [Range(typeof(decimal), "0", "9999999999999999", ErrorMessage = "Validation.Range")]
    [Cents]
    [Display(Name = "Projects.Field.PlannedInvestment")]
    public decimal? PlannedInvestmentWan { get; set; }

    [Range(typeof(decimal), "0", "9999999999999999", ErrorMessage = "Validation.Range")]
    [Cents]
    [Display(Name = "Projects.Field.LandMu")]
    public decimal? LandMu { get; set; }

    [Range(typeof(decimal), "0", "9999999999999999", ErrorMessage = "Validation.Range")]
    [Cents]
    [Display(Name = "Projects.Field.ExpectedOutput")]
    public decimal? ExpectedOutputWan { get; set; }

    [Range(typeof(decimal), "0", "9999999999999999", ErrorMessage = "Validation.Range")]
    [Cents]
    [Display(Name = "Projects.Field.ExpectedTax")]
    public decimal? ExpectedTaxWan { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Projects.Field.Description")]
    public string? Description { get; set; }

    [Display(Name = "Projects.Field.Nodes")]
    public List<long> Nodes { get; set; } = [];

    /// <summary>Chain nodes typed as CHAIN:NODE references (the node picker without script).</summary>
    [StringLength(2000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Pickers.AddNodes")]
    public string? AddNodes { get; set; }

    public int Version { get; set; }

    /// <summary>The edit form of a stored project.</summary>
    public static ProjectForm From(ProjectDetail project, IEnumerable<long> nodeIds) => new()
    {
        Code = project.Code,
        Title = project.Title,
        EnterpriseId = project.EnterpriseId,
        Source = project.Source,
        OwnerUserId = project.OwnerUserId,
        Priority = project.Priority,
        PlannedInvestmentWan = project.PlannedInvestmentWan,
        LandMu = project.LandMu,
        ExpectedOutputWan = project.ExpectedOutputWan,
        ExpectedTaxWan = project.ExpectedTaxWan,
        Description = project.Description,
        Nodes = [.. nodeIds],
        Version = project.Version,
    };

    public ProjectInput ToInput(long ownerUserId) => new()
    {
        Title = Title.Trim(),
        EnterpriseId = EnterpriseId ?? 0,
        Source = Source,
        OwnerUserId = ownerUserId,
        Priority = Priority,
        PlannedInvestmentWan = PlannedInvestmentWan,
        LandMu = LandMu,
        ExpectedOutputWan = ExpectedOutputWan,
        ExpectedTaxWan = ExpectedTaxWan,
        Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        NodeIds = Nodes,
    };
}

/// <summary>The stage-move form on the detail page and the board.</summary>
public sealed class MoveForm
{
    /// <summary>Empty = no change (the form's default): the rules then ask for a stage.</summary>
    [Display(Name = "Projects.Field.Stage")]
    public string? ToStage { get; set; }

    [StringLength(1000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Projects.Field.Note")]
    public string? Note { get; set; }

    [Display(Name = "Projects.Field.SignedOn")]
    public DateOnly? SignedOn { get; set; }

    [Range(typeof(decimal), "0", "9999999999999999", ErrorMessage = "Validation.Range")]
    [Cents]
    [Display(Name = "Projects.Field.Contracted")]
    public decimal? ContractedInvestmentWan { get; set; }

    public int Version { get; set; }

    /// <summary>The user confirmed a move back (the dialog, or the confirmation step of the page without script).</summary>
    public bool ConfirmBackward { get; set; }

    public StageMove ToMove() => new(ToStage ?? "", Note, SignedOn, ContractedInvestmentWan, ConfirmBackward);
}

/// <summary>The follow-up form on the detail page.</summary>
public sealed class ActivityForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Projects.Field.ActivityKind")]
    public string Kind { get; set; } = "call";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Projects.Field.OccurredOn")]
    public DateOnly? OccurredOn { get; set; }

    [StringLength(500, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Projects.Field.Participants")]
    public string? Participants { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(4000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Projects.Field.Summary")]
    public string Summary { get; set; } = "";

    [StringLength(1000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Projects.Field.NextStep")]
    public string? NextStep { get; set; }

    [Display(Name = "Projects.Field.NextStepDueOn")]
    public DateOnly? NextStepDueOn { get; set; }
}

public sealed class CommentForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(4000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Projects.Field.Comment")]
    public string Body { get; set; } = "";
}
