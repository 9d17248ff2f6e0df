using InvestmentCrm.Web.Domain;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>What a project write did; <see cref="Code"/> is the project's, <see cref="Problems"/> those of a rejected form.</summary>
public sealed record WriteResult(SaveOutcome Outcome, long Id = 0, string? Code = null, IReadOnlyList<FieldProblem>? Problems = null)
{
    public bool Succeeded => Outcome.Succeeded();

    public static WriteResult Rejected(params FieldProblem[] problems) => new(SaveOutcome.Rejected, Problems: problems);
}
