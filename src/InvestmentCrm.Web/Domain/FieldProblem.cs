namespace InvestmentCrm.Web.Domain;

/// <summary>
/// One thing wrong with what a user submitted, as a UI-string key with its arguments — the one shape of the project
/// form's, the chain map's and the gap settings' problems. A file's problems carry their line instead
/// (Infrastructure/Import/ImportProblem).
/// </summary>
/// <param name="Field">Where: a form field ("Form.Uscc"; "" = the form as a whole), a setting, or a place in a chain
/// map ("code", "nodes[3].key", "HANG→APPAREL", "$").</param>
/// <param name="Key">A UI-string key.</param>
/// <param name="Args">Fill the message's {0}, {1}, … in order.</param>
public sealed record FieldProblem(string Field, string Key, params object[] Args)
{
    public bool Equals(FieldProblem? other) =>
        other is not null && Field == other.Field && Key == other.Key && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => HashCode.Combine(Field, Key, Args.Length);

    public override string ToString() => $"{Field}: {Key}({string.Join(", ", Args)})";
}
