namespace InvestmentCrm.Web.Features.Enterprises;

public enum EnterpriseSaveOutcome
{
    Created,
    Updated,
    Unchanged,

    /// <summary>Another enterprise has this USCC; <see cref="EnterpriseSaveResult.Id"/> is that one's. Nothing was written.</summary>
    DuplicateUscc,

    /// <summary>Someone saved the enterprise since the form was read. Nothing was written.</summary>
    Conflict,

    /// <summary>
    /// The USCC was free when checked, but another import or user saved it before this save reached the database
    /// (the unique index refused it). Nothing was written.
    /// </summary>
    UsccTakenMeanwhile,

    NotFound,
}

public sealed record EnterpriseSaveResult(EnterpriseSaveOutcome Outcome, long Id, string? ExistingName = null)
{
    public bool Succeeded => Outcome is EnterpriseSaveOutcome.Created or EnterpriseSaveOutcome.Updated or EnterpriseSaveOutcome.Unchanged;
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
        catch (UsccTakenMeanwhileException)
        {
            return new EnterpriseSaveResult(EnterpriseSaveOutcome.UsccTakenMeanwhile, id);
        }
    }
}
