using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>One data row: <see cref="Line"/> is where it starts in the file (header = line 1; XLSX: the row number).
/// <see cref="Values"/> has every named header column, "" where the cell is empty; values are not trimmed.</summary>
public sealed record TabularRow(int Line, IReadOnlyDictionary<string, string> Values);

/// <summary>A CSV or XLSX file as a header (trimmed, lower-case names) and rows. <see cref="Problems"/> are the ones
/// found while reading (encoding, quoting, field counts, header names, limits); rows with such a problem are left out.
/// The checks of an importer go on from <see cref="ContinueProblems"/>, so the whole file stays within one limit of
/// listed problems.</summary>
public sealed class TabularReadResult
{
    private readonly ProblemLog log;

    internal TabularReadResult(int headerLine, IReadOnlyList<string> header, IReadOnlyList<TabularRow> rows, ProblemLog log)
    {
        HeaderLine = headerLine;
        Header = header;
        Rows = rows;
        this.log = log;
        Problems = log.Report();
    }

    public int HeaderLine { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<TabularRow> Rows { get; }

    public IReadOnlyList<ImportProblem> Problems { get; }

    /// <summary>The reader's problems as a log the importer's checks add to (a copy: checking twice reports once).</summary>
    public ProblemLog ContinueProblems() => log.Copy();

    /// <summary>The same file with only some of its rows (the demo keeps the rows of enterprises it has).</summary>
    public TabularReadResult WithRows(IReadOnlyList<TabularRow> rows) => new(HeaderLine, Header, rows, log.Copy());

    internal static TabularReadResult Failed(ImportProblem problem, ImportLimits limits)
    {
        var log = new ProblemLog(limits.MaxProblems);
        log.Add(problem);
        return new TabularReadResult(1, [], [], log);
    }
}

/// <summary>Reads and writes the interchange files, CSV and XLSX alike.</summary>
public static class TabularFile
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Reads a CSV or XLSX file within <paramref name="limits"/>: a file over one of them is refused with that
    /// problem alone, as soon as it is seen, without holding the rest of the file.</summary>
    public static TabularReadResult Read(Stream stream, string fileName, ImportLimits limits)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".csv" => CsvTableReader.Read(stream, limits),
                ".xlsx" => new XlsxTableReader(limits).Read(stream),
                _ => TabularReadResult.Failed(new ImportProblem(0, null, ImportKeys.UnsupportedFileType, extension.Length > 0 ? extension : fileName), limits),
            };
        }
        catch (ImportLimitException limit)
        {
            return TabularReadResult.Failed(limit.Problem, limits);
        }
    }

    /// <summary>The whole stream, or null when it is longer than <paramref name="maxBytes"/> (seen from its length
    /// when it has one, otherwise after reading one byte more than the limit).</summary>
    internal static byte[]? ReadAll(Stream stream, long maxBytes)
    {
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Writes UTF-8 with a byte order mark (without it Excel shows Chinese as mojibake), CRLF line ends and
    /// RFC 4180 quoting. Values that Excel would run as a formula get a leading apostrophe, which reading removes.</summary>
    public static void WriteCsv(Stream stream, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        var config = new CsvConfiguration(Invariant)
        {
            NewLine = "\r\n",
            InjectionOptions = InjectionOptions.None,
            // CsvHelper's default does not quote a field holding a lone \n, which would split the record.
            ShouldQuote = args => args.Field is { Length: > 0 } field
                && (field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])),
        };
        using var csv = new CsvWriter(writer, config);
        foreach (var name in header)
        {
            csv.WriteField(name);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            CheckWidth(header, row);
            foreach (var value in row)
            {
                csv.WriteField(DefuseFormula(value ?? ""));
            }

            csv.NextRecord();
        }
    }

    /// <summary>Writes one worksheet. Cells are text, so codes such as USCCs and phone numbers keep their digits;
    /// in <paramref name="numericColumns"/>, values that are plain numbers become number cells so that Excel can sum them.</summary>
    public static void WriteXlsx(
        Stream stream,
        IReadOnlyList<string> header,
        IEnumerable<IReadOnlyList<string?>> rows,
        IReadOnlySet<string>? numericColumns = null,
        string sheetName = "Sheet1")
    {
        var numeric = header.Select(name => numericColumns?.Contains(name) == true).ToArray();
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var sheetData = new SheetData();
            worksheetPart.Worksheet = new Worksheet(sheetData);
            workbookPart.Workbook.AppendChild(new Sheets(
                new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = sheetName }));

            uint rowNumber = 1;
            sheetData.AppendChild(XlsxRow(rowNumber, header.ToArray(), numeric: null));
            foreach (var row in rows)
            {
                CheckWidth(header, row);
                sheetData.AppendChild(XlsxRow(++rowNumber, row, numeric));
            }
        }

        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    private static void CheckWidth(IReadOnlyList<string> header, IReadOnlyList<string?> row)
    {
        if (row.Count != header.Count)
        {
            throw new ArgumentException($"A row has {row.Count} values for {header.Count} columns.", nameof(row));
        }
    }

    private static Row XlsxRow(uint rowNumber, IReadOnlyList<string?> values, bool[]? numeric)
    {
        var row = new Row { RowIndex = rowNumber };
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i] ?? "";
            if (value.Length == 0)
            {
                continue;
            }

            var reference = ColumnName(i) + rowNumber.ToString(Invariant);
            row.AppendChild(numeric?[i] == true && IsPlainNumber(value)
                ? new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(value) }
                : new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(XmlSafe(value)) { Space = SpaceProcessingModeValues.Preserve }),
                });
        }

        return row;
    }

    // Only numbers that an Excel cell holds exactly (at most 15 significant digits, no leading zeros) become number cells.
    private static bool IsPlainNumber(string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, Invariant, out var number)
        && FormatDecimal(number) == value
        && value.Replace(".", "", StringComparison.Ordinal).TrimStart('0').Length <= 15;

    private static string XmlSafe(string value) =>
        value.All(XmlConvertIsValid) ? value : new string(value.Where(XmlConvertIsValid).ToArray());

    // Surrogate pairs are kept whole; control characters other than tab and line ends cannot appear in XML.
    private static bool XmlConvertIsValid(char c) => c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF');

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    internal static string FormatDecimal(decimal value) => value.ToString("0.############################", Invariant);

    // Excel runs a cell that starts with = + - @ (or tab, CR) as a formula: CSV injection. The apostrophe prefix
    // makes it text; a value that already starts with apostrophes before such a character gets one more, so that
    // reading (which removes exactly one) gives back the original.
    private static string DefuseFormula(string value) => TableBuilder.StartsFormula(value, 0) ? "'" + value : value;
}
