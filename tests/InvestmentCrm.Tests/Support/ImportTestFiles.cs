using System.Text;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Tests.Support;

/// <summary>Builds import files in memory and checks problems with readable failure messages.</summary>
internal static class ImportTestFiles
{
    public static TabularReadResult ReadCsvText(string text) => ReadBytes(Encoding.UTF8.GetBytes(text), "test.csv");

    public static TabularReadResult ReadBytes(byte[] bytes, string fileName)
    {
        using var stream = new MemoryStream(bytes);
        return TabularFile.Read(stream, fileName, new ImportLimits());
    }

    /// <summary>CSV text with a header and one line per row; each row starts from <paramref name="defaults"/>.</summary>
    public static string CsvText(IReadOnlyList<string> header, IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        var text = new StringBuilder();
        text.Append(string.Join(",", header)).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(",", header.Select(name => Quote(row.TryGetValue(name, out var value) ? value : "")))).Append("\r\n");
        }

        return text.ToString();
    }

    public static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static Dictionary<string, string> With(this IReadOnlyDictionary<string, string> row, params (string Column, string Value)[] changes)
    {
        var copy = new Dictionary<string, string>(row);
        foreach (var (column, value) in changes)
        {
            copy[column] = value;
        }

        return copy;
    }

    public static void AssertProblem(IReadOnlyList<ImportProblem> problems, int line, string? column, string key)
    {
        Assert.True(
            problems.Any(p => p.Line == line && p.Column == column && p.Key == key),
            $"Expected {key} at line {line} [{column}], got:\n{string.Join("\n", problems)}");
    }

    /// <summary>Exactly one problem, and it is this one.</summary>
    public static ImportProblem AssertSingleProblem(IReadOnlyList<ImportProblem> problems, int line, string? column, string key)
    {
        Assert.True(problems.Count == 1, $"Expected only {key} at line {line}, got:\n{string.Join("\n", problems)}");
        AssertProblem(problems, line, column, key);
        return problems[0];
    }

    public static byte[] WriteCsv(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var stream = new MemoryStream();
        TabularFile.WriteCsv(stream, header, rows);
        return stream.ToArray();
    }

    public static byte[] WriteXlsx(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, IReadOnlySet<string>? numericColumns = null)
    {
        using var stream = new MemoryStream();
        TabularFile.WriteXlsx(stream, header, rows, numericColumns);
        return stream.ToArray();
    }
}
