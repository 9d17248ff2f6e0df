using System.Globalization;
using System.Text.RegularExpressions;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>What the three import formats share: the header check and the field rules.</summary>
internal static partial class ImportFields
{
    /// <summary>Money, land and energy columns are decimal(18, 2) in the database: more decimals would be rounded away
    /// silently and a re-import would then change nothing it reports.</summary>
    public const int MaxDecimals = 2;

    public const decimal MaxDecimal = 9_999_999_999_999_999.99m;

    /// <summary>Goes on from the reader's problems and checks the header. False when rows cannot be read (no header or
    /// a missing column); unknown columns are reported but rows are still checked. The log keeps the file's first
    /// problems up to the limit and counts the rest.</summary>
    public static bool CheckHeader(TabularReadResult file, IReadOnlyList<string> expected, out ProblemLog problems)
    {
        problems = file.ContinueProblems();
        if (file.Header.Count == 0)
        {
            if (file.Problems.Count == 0)
            {
                problems.Add(new ImportProblem(1, null, ImportKeys.EmptyFile));
            }

            return false;
        }

        var present = file.Header.Where(name => name.Length > 0).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(name => !present.Contains(name)).ToList();
        foreach (var name in missing)
        {
            problems.Add(new ImportProblem(file.HeaderLine, name, ImportKeys.MissingColumn, name));
        }

        var known = expected.ToHashSet(StringComparer.Ordinal);
        foreach (var name in file.Header.Where(name => name.Length > 0 && !known.Contains(name)).Distinct())
        {
            problems.Add(new ImportProblem(file.HeaderLine, name, ImportKeys.UnknownColumn, name, string.Join(",", expected)));
        }

        if (missing.Count == 0 && file.Rows.Count == 0 && file.Problems.Count == 0)
        {
            problems.Add(new ImportProblem(file.HeaderLine, null, ImportKeys.NoDataRows));
        }

        return missing.Count == 0;
    }

    /// <summary>The problems to show: the kept ones in file order, then how many more there were.</summary>
    public static IReadOnlyList<ImportProblem> InFileOrder(ProblemLog problems) => problems.Report();

    /// <summary>The lookups run once per distinct value, so a delegate that queries the database stays cheap.</summary>
    public static Func<T, TResult> Memoize<T, TResult>(Func<T, TResult> lookup)
        where T : notnull
    {
        var cache = new Dictionary<T, TResult>();
        return key =>
        {
            if (!cache.TryGetValue(key, out var value))
            {
                value = lookup(key);
                cache[key] = value;
            }

            return value;
        };
    }

    // Chinese input methods type full-width ；and ：; they are accepted as ; and :.
    public static string[] SplitList(string value) =>
        value.Split([';', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static string? Format(decimal? value) => value is { } number ? TabularFile.FormatDecimal(number) : null;

    public static string? Format(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Format(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Format(IEnumerable<string> values) => string.Join(";", values);

    public static string Format(IEnumerable<ChainNodeRef> nodes) => string.Join(";", nodes);

    [GeneratedRegex(@"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")]
    public static partial Regex UsccShape();

    [GeneratedRegex(@"^\d{1,3}(,\d{3})+(\.\d*)?$")]
    public static partial Regex ThousandsGrouped();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    public static partial Regex EmailShape();
}

/// <summary>Reads the fields of one row, adding a problem for each bad one and returning null for it, so that every
/// field of every row is checked and reported in one pass.</summary>
internal sealed class FieldReader(TabularRow row, ProblemLog problems)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly int problemsBefore = problems.Count;

    public int Line => row.Line;

    public bool RowOk => problems.Count == problemsBefore;

    public void Add(string column, string key, params object[] args) => problems.Add(new ImportProblem(row.Line, column, key, args));

    public string Raw(string column) => row.Values.TryGetValue(column, out var value) ? value.Trim() : "";

    public bool IsEmpty(string column) => Raw(column).Length == 0;

    public string? Text(string column, int maxLength, bool required = false)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                Add(column, ImportKeys.Required, column);
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            Add(column, ImportKeys.TooLong, column, maxLength, value.Length);
            return null;
        }

        return value;
    }

    /// <summary>One of <paramref name="allowed"/>, compared without case and returned as listed.</summary>
    public string? Choice(string column, IReadOnlyList<string> allowed, bool required)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                Add(column, ImportKeys.Required, column);
            }

            return null;
        }

        var match = allowed.FirstOrDefault(option => string.Equals(option, value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Add(column, ImportKeys.BadChoice, column, value, string.Join(", ", allowed));
        }

        return match;
    }

    /// <summary>A plain invariant decimal: digits and one '.', no thousands separators, units or exponents; never negative.</summary>
    public decimal? Decimal(string column, bool required, bool positive = false)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                Add(column, ImportKeys.Required, column);
            }

            return null;
        }

        if (ImportFields.ThousandsGrouped().IsMatch(value))
        {
            Add(column, ImportKeys.ThousandsSeparator, column, value);
            return null;
        }

        if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Invariant, out var number))
        {
            Add(column, ImportKeys.NotANumber, column, value);
            return null;
        }

        if (number < 0)
        {
            Add(column, ImportKeys.Negative, column, value);
            return null;
        }

        if (positive && number == 0)
        {
            Add(column, ImportKeys.NotPositive, column, value);
            return null;
        }

        if (decimal.Round(number, ImportFields.MaxDecimals) != number)
        {
            Add(column, ImportKeys.TooManyDecimals, column, value, ImportFields.MaxDecimals);
            return null;
        }

        if (number > ImportFields.MaxDecimal)
        {
            Add(column, ImportKeys.NumberTooLarge, column, value, TabularFile.FormatDecimal(ImportFields.MaxDecimal));
            return null;
        }

        return number;
    }

    /// <summary>A whole number, never negative.</summary>
    public int? Integer(string column, bool required)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                Add(column, ImportKeys.Required, column);
            }

            return null;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, Invariant, out var number))
        {
            if (number >= 0)
            {
                return number;
            }

            Add(column, ImportKeys.Negative, column, value);
            return null;
        }

        if (ImportFields.ThousandsGrouped().IsMatch(value))
        {
            Add(column, ImportKeys.ThousandsSeparator, column, value);
        }
        else if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Invariant, out var parsed))
        {
            Add(column, ImportKeys.NotANumber, column, value);
        }
        else if (parsed < 0)
        {
            Add(column, ImportKeys.Negative, column, value);
        }
        else if (decimal.Truncate(parsed) != parsed)
        {
            Add(column, ImportKeys.NotWholeNumber, column, value);
        }
        else
        {
            Add(column, ImportKeys.NumberTooLarge, column, value, int.MaxValue);
        }

        return null;
    }

    /// <summary>yyyy-MM-dd (an XLSX date cell arrives in that form too).</summary>
    public DateOnly? Date(string column, bool required)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                Add(column, ImportKeys.Required, column);
            }

            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Add(column, ImportKeys.BadDate, column, value);
        return null;
    }

    /// <summary>Trimmed and upper-cased, then the GB 32100 shape here and the check character by <paramref name="isValid"/>.</summary>
    public string? Uscc(string column, Func<string, bool> isValid)
    {
        var value = Raw(column).ToUpperInvariant();
        if (value.Length == 0)
        {
            Add(column, ImportKeys.Required, column);
            return null;
        }

        if (!ImportFields.UsccShape().IsMatch(value))
        {
            Add(column, ImportKeys.BadUsccFormat, value);
            return null;
        }

        if (!isValid(value))
        {
            Add(column, ImportKeys.BadUscc, value);
            return null;
        }

        return value;
    }

    public string? Email(string column, bool required)
    {
        var value = Text(column, 256, required);
        if (value is not null && !ImportFields.EmailShape().IsMatch(value))
        {
            Add(column, ImportKeys.BadEmail, column, value);
            return null;
        }

        return value;
    }

    /// <summary>"CHAIN:NODE;CHAIN:NODE", each existing; repeats are dropped.</summary>
    public IReadOnlyList<ChainNodeRef> ChainNodes(string column, Func<ChainNodeRef, bool> exists)
    {
        var nodes = new List<ChainNodeRef>();
        var seen = new HashSet<ChainNodeRef>();
        foreach (var item in ImportFields.SplitList(Raw(column)))
        {
            if (!ChainNodeRef.TryParse(item, out var node))
            {
                Add(column, ImportKeys.BadChainNode, column, item);
            }
            else if (seen.Add(node))
            {
                if (exists(node))
                {
                    nodes.Add(node);
                }
                else
                {
                    Add(column, ImportKeys.UnknownChainNode, column, node.ToString());
                }
            }
        }

        return nodes;
    }
}
