namespace InvestmentCrm.Web.Features.Projects;

/// <summary>The editable fields of a project, from the form, the import or the demo.</summary>
public sealed record ProjectInput(
    string Title,
    long EnterpriseId,
    string Source,
    long OwnerUserId,
    int Priority,
    decimal? PlannedInvestmentWan,
    decimal? LandMu,
    decimal? ExpectedOutputWan,
    decimal? ExpectedTaxWan,
    string? Description,
    IReadOnlyList<long> NodeIds);
