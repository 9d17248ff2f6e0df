namespace InvestmentCrm.Web.Features.Projects;

/// <summary>What the shared form fields need: the form, the choices, and whether the owner can be chosen (Admins).</summary>
public sealed record ProjectFieldsView(
    ProjectForm Form,
    IReadOnlyList<Option> Enterprises,
    IReadOnlyList<NodeOption> Nodes,
    IReadOnlyList<Option>? Owners,
    bool CodeFixed);
