namespace InvestmentCrm.Web.Features.Projects;

public enum WriteOutcome
{
    Saved,
    Unchanged,
    NotFound,
    Conflict,
    Rejected,
}

/// <summary>A problem on a field of the form ("" = the form as a whole), as a UI-string key with arguments.</summary>
public sealed record FieldProblem(string Field, string Key, params object[] Args);

public sealed record WriteResult(WriteOutcome Outcome, long Id = 0, string? Code = null, IReadOnlyList<FieldProblem>? Problems = null)
{
    public bool Succeeded => Outcome is WriteOutcome.Saved or WriteOutcome.Unchanged;

    public static WriteResult Rejected(params FieldProblem[] problems) => new(WriteOutcome.Rejected, Problems: problems);
}
