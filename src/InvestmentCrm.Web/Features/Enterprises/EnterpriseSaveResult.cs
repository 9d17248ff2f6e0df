using InvestmentCrm.Web.Domain;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>
/// What an enterprise save did. A USCC another enterprise has is <see cref="SaveOutcome.Rejected"/> with a problem on
/// the Uscc field: found before writing (<see cref="DuplicateUscc"/>; <see cref="Id"/> and <see cref="ExistingName"/>
/// are then the other enterprise's), or refused by the unique index because someone saved it meanwhile
/// (<see cref="UsccTakenMeanwhile"/>).
/// </summary>
public sealed record EnterpriseSaveResult(SaveOutcome Outcome, long Id, string? ExistingName = null, IReadOnlyList<FieldProblem>? Problems = null)
{
    public const string UsccField = "Uscc";

    public bool Succeeded => Outcome.Succeeded();

    public static EnterpriseSaveResult DuplicateUscc(string uscc, long takenId, string takenName) =>
        new(SaveOutcome.Rejected, takenId, takenName, [new FieldProblem(UsccField, "Enterprises.Error.DuplicateUscc", uscc, takenName)]);

    public static EnterpriseSaveResult UsccTakenMeanwhile(string uscc, long id) =>
        new(SaveOutcome.Rejected, id, Problems: [new FieldProblem(UsccField, "Enterprises.Error.UsccTakenMeanwhile", uscc)]);
}

/// <summary>
/// The unique index refused a USCC that was free when the import or form looked it up: someone else saved it in
/// between. <see cref="Line"/> is the file line (0 for a form). The transaction is rolled back when this leaves it.
/// </summary>
public sealed class UsccTakenMeanwhileException(int line, string uscc, Exception inner)
    : Exception($"Line {line}: USCC {uscc} was saved by someone else meanwhile.", inner)
{
    public int Line => line;

    public string Uscc => uscc;
}

internal static class UsccTakenMeanwhileTask
{
    /// <summary>Turns the exception, once its transaction has rolled back, into the outcome the form shows.</summary>
    public static async Task<EnterpriseSaveResult> CatchUsccTakenMeanwhile(this Task<EnterpriseSaveResult> save, long id = 0)
    {
        try
        {
            return await save;
        }
        catch (UsccTakenMeanwhileException e)
        {
            return EnterpriseSaveResult.UsccTakenMeanwhile(e.Uscc, id);
        }
    }
}
