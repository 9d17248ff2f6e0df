namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>
/// One reason an import file cannot be taken as it is. <see cref="Key"/> is a UI-string key whose
/// {0}, {1}… placeholders are filled from <see cref="Args"/>; the caller shows <see cref="Line"/> and
/// <see cref="Column"/> beside the message. Line is the line of the file (the header being line 1);
/// 0 means the file as a whole (wrong type, not UTF-8 at all, unreadable workbook).
/// </summary>
public sealed record ImportProblem(int Line, string? Column, string Key, params object[] Args)
{
    public override string ToString() =>
        $"line {Line}{(Column is null ? "" : $" [{Column}]")}: {Key}({string.Join(", ", Args)})";
}

/// <summary>
/// The rows that passed and every problem found. Nothing may be written unless <see cref="Ok"/>:
/// an import is all or nothing.
/// </summary>
public sealed record ImportResult<T>(IReadOnlyList<T> Rows, IReadOnlyList<ImportProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
}
