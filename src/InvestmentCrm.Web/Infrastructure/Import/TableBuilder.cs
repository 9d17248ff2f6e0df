namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>
/// Turns the records of a CSV or a worksheet, one at a time as they are read, into a <see cref="TabularReadResult"/>:
/// the first non-blank record is the header, the others are rows of its named columns. The row and column limits
/// are checked here as each record arrives, so a file over them ends the read before the rest is looked at.
/// </summary>
internal sealed class TableBuilder(ImportLimits limits, bool fixedWidth, TextBudget? budget = null)
{
    private readonly TextBudget budget = budget ?? new TextBudget(limits);
    private readonly ProblemLog problems = new(limits.MaxProblems);
    private readonly SortedSet<int> unnamedWithData = [];
    private List<string>? header;
    private int headerLine = 1;
    private int[] storedColumns = [];
    private RowStore? rows;
    private int dataRows;
    private int lastLine;

    public void Problem(ImportProblem problem) => problems.Add(problem);

    /// <summary>One record of the file; <paramref name="rejected"/> when the reader already reported it (bad quoting).</summary>
    /// <exception cref="ImportLimitException">The file passes the row or column limit.</exception>
    public void Add(int line, IReadOnlyList<string> cells, bool rejected)
    {
        var lastWithValue = LastIndexWithValue(cells);
        if (!rejected && lastWithValue < 0)
        {
            return; // blank lines are counted by their line numbers only
        }

        if (lastWithValue >= limits.MaxColumns)
        {
            throw new ImportLimitException(new ImportProblem(line, null, ImportKeys.TooManyColumns, limits.MaxColumns));
        }

        lastLine = line;
        if (header is null)
        {
            StartWith(line, cells);
            return;
        }

        if (++dataRows > limits.MaxRows)
        {
            throw new ImportLimitException(new ImportProblem(0, null, ImportKeys.TooManyRows, limits.MaxRows));
        }

        if (rejected)
        {
            return;
        }

        if (fixedWidth && (cells.Count < header.Count || lastWithValue >= header.Count))
        {
            problems.Add(new ImportProblem(line, null, ImportKeys.WrongFieldCount, header.Count, cells.Count));
            return;
        }

        var values = new string[storedColumns.Length];
        for (var k = 0; k < storedColumns.Length; k++)
        {
            var index = storedColumns[k];
            values[k] = index < cells.Count ? RestoreFormula(cells[index]) : "";
        }

        for (var i = 0; i <= lastWithValue; i++)
        {
            if ((i >= header.Count || header[i].Length == 0) && !string.IsNullOrWhiteSpace(cells[i]))
            {
                unnamedWithData.Add(i);
            }
        }

        rows!.Add(line, values);
    }

    public TabularReadResult Build()
    {
        if (header is null)
        {
            return new TabularReadResult(1, [], [], problems);
        }

        foreach (var index in unnamedWithData)
        {
            problems.Add(new ImportProblem(headerLine, null, ImportKeys.UnnamedColumn, index + 1));
        }

        problems.Checked = (headerLine + 1, lastLine);
        var trimmedHeader = header.Take(LastIndexWithValue(header) + 1).ToList();
        return new TabularReadResult(headerLine, trimmedHeader, rows!, problems);
    }

    private void StartWith(int line, IReadOnlyList<string> cells)
    {
        headerLine = line;
        header = cells.Select(cell => cell.Trim().ToLowerInvariant()).ToList();
        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var stored = new List<int>();
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].Length == 0)
            {
                continue;
            }

            if (columnOf.TryAdd(header[i], stored.Count))
            {
                stored.Add(i);
            }
            else
            {
                problems.Add(new ImportProblem(line, header[i], ImportKeys.DuplicateColumn, header[i]));
            }
        }

        storedColumns = [.. stored];
        rows = new RowStore(columnOf, budget);
    }

    private static int LastIndexWithValue(IReadOnlyList<string> cells)
    {
        for (var i = cells.Count - 1; i >= 0; i--)
        {
            if (!string.IsNullOrWhiteSpace(cells[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // Excel runs a cell that starts with = + - @ (or tab, CR) as a formula: CSV injection. Writing prefixes such a value
    // with an apostrophe (TabularFile.DefuseFormula); reading removes exactly one.
    internal static string RestoreFormula(string value) =>
        value.Length > 1 && value[0] == '\'' && StartsFormula(value, 1) ? value[1..] : value;

    internal static bool StartsFormula(string value, int start)
    {
        var i = start;
        while (i < value.Length && value[i] == '\'')
        {
            i++;
        }

        return i < value.Length && value[i] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }
}
