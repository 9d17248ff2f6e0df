namespace InvestmentCrm.Web.Features.Projects;

/// <summary>What the shared form fields need: the form, the chosen enterprise and nodes by name, and whether the owner can be chosen (Admins).</summary>
public sealed record ProjectFieldsView(
    ProjectForm Form,
    ProjectFormChoices Choices,
    IReadOnlyList<Option>? Owners,
    bool CodeFixed);
