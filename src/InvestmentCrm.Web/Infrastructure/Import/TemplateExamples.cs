namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>
/// The example rows of an import page's "download template" file, and how the importer knows them again: by their key
/// column, a USCC or project code that belongs to the template only. A template uploaded unchanged must change nothing
/// (before, it created sample companies and projects and overwrote real land records), so a file whose rows are all
/// examples is refused with one message that says so, and an example row left among real rows is refused on its line.
/// A user who replaces the examples with real rows imports as usual.
/// </summary>
public sealed class TemplateExamples
{
    private readonly HashSet<string> keys;

    /// <exception cref="ArgumentException">An example has no value in <paramref name="keyColumn"/>.</exception>
    public TemplateExamples(string keyColumn, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        KeyColumn = keyColumn;
        Rows = rows;
        keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            keys.Add(row.TryGetValue(keyColumn, out var key) && key.Length > 0
                ? key
                : throw new ArgumentException($"An example has no {keyColumn}.", nameof(rows)));
        }
    }

    public string KeyColumn { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    /// <summary>The rows of <paramref name="file"/> to check as data: every row that is not an example. An example row
    /// adds a problem on its line; a file of examples only gets one problem for the whole file instead, and no rows.</summary>
    public IReadOnlyList<TabularRow> Screen(TabularReadResult file, ProblemLog problems)
    {
        var examples = file.Rows.Where(IsExample).ToList();
        if (examples.Count == 0)
        {
            return file.Rows;
        }

        if (examples.Count == file.Rows.Count)
        {
            problems.Add(new ImportProblem(0, null, ImportKeys.TemplateExamplesOnly));
            return [];
        }

        foreach (var row in examples)
        {
            problems.Add(new ImportProblem(row.Line, KeyColumn, ImportKeys.TemplateExampleRow, row.Values[KeyColumn].Trim()));
        }

        return file.Rows.Where(row => !IsExample(row)).ToList();
    }

    private bool IsExample(TabularRow row) =>
        row.Values.TryGetValue(KeyColumn, out var key) && keys.Contains(key.Trim());
}
