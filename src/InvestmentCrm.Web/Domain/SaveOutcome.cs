namespace InvestmentCrm.Web.Domain;

/// <summary>
/// What a save did — the one answer of every writer (projects and their follow-ups, enterprises, chain maps, the gap
/// settings), so pages and imports read each the same way. Only <see cref="Created"/> and <see cref="Updated"/>
/// wrote anything.
/// </summary>
public enum SaveOutcome
{
    Created,
    Updated,

    /// <summary>What was submitted is what is stored: nothing written, no new version, no audit row.</summary>
    Unchanged,

    /// <summary>The input breaks a rule; the result's <see cref="FieldProblem"/>s say which. Nothing was written.</summary>
    Rejected,

    /// <summary>Someone saved the record since the form read it. Nothing was written.</summary>
    Conflict,

    /// <summary>The record does not exist (any more). Nothing was written.</summary>
    NotFound,
}

public static class SaveOutcomes
{
    /// <summary>Saved, or already as submitted.</summary>
    public static bool Succeeded(this SaveOutcome outcome) => outcome is SaveOutcome.Created or SaveOutcome.Updated or SaveOutcome.Unchanged;

    /// <summary>Something was written.</summary>
    public static bool Wrote(this SaveOutcome outcome) => outcome is SaveOutcome.Created or SaveOutcome.Updated;
}
