namespace InvestmentCrm.Web.Features.Projects;

/// <summary>
/// What every shape of a project carries under the same names and types: its title and planned figures. The
/// create and edit save (<see cref="ProjectInput"/>), the projects file (<see cref="ProjectFileRow"/>, import and
/// export), the detail page (<see cref="ProjectDetail"/>) and the brief derive from it; a shape that needs these
/// from another one takes them through its <c>(ProjectFields fields)</c> constructor.
/// </summary>
public record ProjectFields
{
    public string Title { get; init; } = "";

    public decimal? PlannedInvestmentWan { get; init; }

    public decimal? LandMu { get; init; }

    public decimal? ExpectedOutputWan { get; init; }

    public decimal? ExpectedTaxWan { get; init; }
}

/// <summary>The editable fields of a project, from the form, the import or the demo.</summary>
public record ProjectInput : ProjectFields
{
    public ProjectInput()
    {
    }

    public ProjectInput(ProjectFields fields)
        : base(fields)
    {
    }

    public long EnterpriseId { get; init; }

    /// <summary>One of <see cref="Domain.Projects.ProjectStages.Sources"/>.</summary>
    public string Source { get; init; } = "";

    public long OwnerUserId { get; init; }

    /// <summary>1 (high) to 3 (low).</summary>
    public int Priority { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<long> NodeIds { get; init; } = [];
}
