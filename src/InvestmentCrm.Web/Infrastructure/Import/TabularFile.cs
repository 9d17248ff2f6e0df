using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
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
/// found while reading (encoding, quoting, field counts, header names); rows with such a problem are left out.</summary>
public sealed record TabularReadResult(
    int HeaderLine,
    IReadOnlyList<string> Header,
    IReadOnlyList<TabularRow> Rows,
    IReadOnlyList<ImportProblem> Problems)
{
    internal static TabularReadResult Failed(ImportProblem problem) => new(1, [], [], [problem]);
}

/// <summary>Reads and writes the interchange files, CSV and XLSX alike.</summary>
public static class TabularFile
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // Zip bombs: a workbook part larger than this (in characters) is refused rather than expanded into memory.
    private const long MaxCharactersInPart = 200_000_000;

    // Built-in number formats that show a date (ECMA-376 18.8.30, including the zh-CN ones); the others are
    // numbers or times of day, which stay numbers.
    private static readonly HashSet<uint> BuiltInDateFormats = [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58];

    public static TabularReadResult Read(Stream stream, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".csv" => ReadCsv(ReadAll(stream)),
            ".xlsx" => ReadXlsx(stream),
            _ => TabularReadResult.Failed(new ImportProblem(0, null, ImportKeys.UnsupportedFileType, extension.Length > 0 ? extension : fileName)),
        };
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
    private static string DefuseFormula(string value) => StartsFormula(value, 0) ? "'" + value : value;

    private static string RestoreFormula(string value) =>
        value.Length > 1 && value[0] == '\'' && StartsFormula(value, 1) ? value[1..] : value;

    private static bool StartsFormula(string value, int start)
    {
        var i = start;
        while (i < value.Length && value[i] == '\'')
        {
            i++;
        }

        return i < value.Length && value[i] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    // ---- CSV ----

    private static TabularReadResult ReadCsv(byte[] bytes)
    {
        ReadOnlySpan<byte> content = bytes;
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        // A file saved as GBK/GB18030 (Excel's default "CSV" on Chinese Windows) would otherwise come out as mojibake.
        var badLine = FirstInvalidUtf8Line(content);
        if (badLine > 0)
        {
            return TabularReadResult.Failed(new ImportProblem(badLine, null, ImportKeys.NotUtf8));
        }

        var problems = new List<ImportProblem>();
        var records = new List<RawRecord>();
        var badData = false;
        var config = new CsvConfiguration(Invariant)
        {
            HasHeaderRecord = false,
            Mode = CsvMode.RFC4180,
            DetectDelimiter = false,
            // Blank lines come through as records so that every line is counted; Build skips them.
            IgnoreBlankLines = false,
            MissingFieldFound = null,
            BadDataFound = _ => badData = true,
        };
        using var parser = new CsvParser(new StringReader(Encoding.UTF8.GetString(content)), config);
        var nextLine = 1;
        while (parser.Read())
        {
            // Fields are parsed (and BadDataFound raised) when the record is taken, so take it first.
            var cells = parser.Record ?? [];
            // A quoted field may span several lines: the record starts where the previous one ended.
            var line = nextLine;
            nextLine += LineBreaks(parser.RawRecord);
            if (badData)
            {
                problems.Add(new ImportProblem(line, null, ImportKeys.BadCsvQuotes));
            }

            records.Add(new RawRecord(line, cells, Rejected: badData));
            badData = false;
        }

        return Build(records, problems, fixedWidth: true);
    }

    private static int FirstInvalidUtf8Line(ReadOnlySpan<byte> content)
    {
        if (Utf8.IsValid(content))
        {
            return 0;
        }

        var chars = ArrayPool<char>.Shared.Rent(content.Length);
        try
        {
            Utf8.ToUtf16(content, chars, out var validBytes, out _, replaceInvalidSequences: false);
            return 1 + content[..validBytes].Count((byte)'\n');
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static int LineBreaks(string raw)
    {
        var breaks = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n')))
            {
                breaks++;
            }
        }

        return breaks;
    }

    // ---- XLSX ----

    private static TabularReadResult ReadXlsx(Stream stream)
    {
        using var seekable = new MemoryStream();
        stream.CopyTo(seekable);
        seekable.Position = 0;
        try
        {
            using var document = SpreadsheetDocument.Open(seekable, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var workbookPart = document.WorkbookPart;
            var worksheetPart = workbookPart?.Workbook?.Sheets?.Elements<Sheet>()
                .Select(sheet => sheet.Id?.Value is { } id ? workbookPart.GetPartById(id) as WorksheetPart : null)
                .FirstOrDefault(part => part is not null);
            if (workbookPart is null || worksheetPart is null)
            {
                return new TabularReadResult(1, [], [], []);
            }

            var reader = new XlsxCellReader(workbookPart);
            var records = new List<RawRecord>();
            var rowNumber = 0;
            foreach (var row in worksheetPart.Worksheet.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
            {
                rowNumber = row.RowIndex?.Value is { } index ? (int)index : rowNumber + 1;
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count <= column)
                    {
                        cells.Add("");
                    }

                    cells[column] = reader.Text(cell);
                }

                records.Add(new RawRecord(rowNumber, cells, Rejected: false));
            }

            return Build(records, [], fixedWidth: false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException
            or System.Xml.XmlException or InvalidOperationException or ArgumentException or FormatException)
        {
            return TabularReadResult.Failed(new ImportProblem(0, null, ImportKeys.BadXlsx));
        }
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            letters++;
        }

        return letters is > 0 and <= 3 ? index - 1 : null;
    }

    /// <summary>Turns a cell into the text a person sees: shared and inline strings, numbers as Excel shows them
    /// (15 significant digits, so 1234.5 stays 1234.5), numbers in a date format as yyyy-MM-dd.</summary>
    private sealed class XlsxCellReader
    {
        private readonly string[] sharedStrings;
        private readonly bool[] dateStyles;
        private readonly bool date1904;

        public XlsxCellReader(WorkbookPart workbookPart)
        {
            sharedStrings = workbookPart.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>()
                .Select(item => RichText(item)).ToArray() ?? [];
            dateStyles = DateStyles(workbookPart.WorkbookStylesPart?.Stylesheet);
            date1904 = workbookPart.Workbook.WorkbookProperties?.Date1904?.Value == true;
        }

        public string Text(Cell cell)
        {
            var raw = cell.CellValue?.Text;
            var type = cell.DataType?.Value;
            if (type == CellValues.SharedString)
            {
                return int.TryParse(raw, NumberStyles.None, Invariant, out var index) && index < sharedStrings.Length ? sharedStrings[index] : "";
            }

            if (type == CellValues.InlineString)
            {
                return RichText(cell.InlineString);
            }

            if (type == CellValues.Boolean)
            {
                return raw == "1" ? "TRUE" : "FALSE";
            }

            if (type == CellValues.Date)
            {
                return raw is { Length: >= 10 } && DateOnly.TryParseExact(raw[..10], "yyyy-MM-dd", Invariant, DateTimeStyles.None, out _) ? raw[..10] : raw ?? "";
            }

            if (type is not null && type != CellValues.Number)
            {
                return raw ?? ""; // formula strings and errors such as #N/A, shown as they are
            }

            if (raw is null || !double.TryParse(raw, NumberStyles.Float, Invariant, out var number))
            {
                return raw ?? "";
            }

            var style = (int)(cell.StyleIndex?.Value ?? 0);
            if (style < dateStyles.Length && dateStyles[style] && number is >= 0 and < 2958466)
            {
                var date = DateTime.FromOADate(number);
                return (date1904 ? date.AddDays(1462) : date).ToString("yyyy-MM-dd", Invariant);
            }

            return FormatNumber(number);
        }

        private static string FormatNumber(double number)
        {
            var shown = number.ToString("G15", Invariant);
            return decimal.TryParse(shown, NumberStyles.Float, Invariant, out var exact) ? FormatDecimal(exact) : shown;
        }

        // Phonetic runs (rPh) are reading aids, not part of the text.
        private static string RichText(OpenXmlElement? item)
        {
            if (item is null)
            {
                return "";
            }

            var text = new StringBuilder();
            foreach (var child in item.ChildElements)
            {
                if (child is Text plain)
                {
                    text.Append(plain.Text);
                }
                else if (child is Run run)
                {
                    foreach (var part in run.Elements<Text>())
                    {
                        text.Append(part.Text);
                    }
                }
            }

            return text.ToString();
        }

        private static bool[] DateStyles(Stylesheet? stylesheet)
        {
            var formats = stylesheet?.CellFormats?.Elements<CellFormat>().ToList();
            if (formats is null)
            {
                return [];
            }

            var custom = new Dictionary<uint, string>();
            foreach (var format in stylesheet!.NumberingFormats?.Elements<NumberingFormat>() ?? [])
            {
                if (format.NumberFormatId?.Value is { } id)
                {
                    custom[id] = format.FormatCode?.Value ?? "";
                }
            }

            return formats
                .Select(format => format.NumberFormatId?.Value ?? 0)
                .Select(id => custom.TryGetValue(id, out var code) ? IsDateFormatCode(code) : BuiltInDateFormats.Contains(id))
                .ToArray();
        }

        // A custom format shows a date when, outside quoted text, [brackets] and escapes, it has a year or day part.
        private static bool IsDateFormatCode(string code)
        {
            var inQuotes = false;
            var inBrackets = false;
            for (var i = 0; i < code.Length; i++)
            {
                var c = code[i];
                if (inQuotes)
                {
                    inQuotes = c != '"';
                }
                else if (inBrackets)
                {
                    inBrackets = c != ']';
                }
                else if (c == ';')
                {
                    return false; // the first section decides
                }
                else if (c is '\\' or '_' or '*')
                {
                    i++;
                }
                else
                {
                    inQuotes = c == '"';
                    inBrackets = c == '[';
                    if (c is 'y' or 'Y' or 'd' or 'D')
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    // ---- both ----

    private sealed record RawRecord(int Line, IReadOnlyList<string> Cells, bool Rejected);

    private static TabularReadResult Build(List<RawRecord> records, List<ImportProblem> problems, bool fixedWidth)
    {
        var nonBlank = records.Where(record => record.Rejected || record.Cells.Any(cell => !string.IsNullOrWhiteSpace(cell))).ToList();
        if (nonBlank.Count == 0)
        {
            return new TabularReadResult(1, [], [], problems);
        }

        var headerRecord = nonBlank[0];
        var headerLine = headerRecord.Line;
        var header = headerRecord.Cells.Select(cell => cell.Trim().ToLowerInvariant()).ToList();
        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].Length > 0 && !columnOf.TryAdd(header[i], i))
            {
                problems.Add(new ImportProblem(headerLine, header[i], ImportKeys.DuplicateColumn, header[i]));
            }
        }

        var rows = new List<TabularRow>(nonBlank.Count);
        var unnamedWithData = new SortedSet<int>();
        foreach (var record in nonBlank.Skip(1))
        {
            if (record.Rejected)
            {
                continue;
            }

            var cells = record.Cells;
            var lastWithValue = LastIndexWithValue(cells);
            if (fixedWidth && (cells.Count < header.Count || lastWithValue >= header.Count))
            {
                problems.Add(new ImportProblem(record.Line, null, ImportKeys.WrongFieldCount, header.Count, cells.Count));
                continue;
            }

            var values = new Dictionary<string, string>(columnOf.Count, StringComparer.Ordinal);
            foreach (var (name, index) in columnOf)
            {
                values[name] = index < cells.Count ? RestoreFormula(cells[index]) : "";
            }

            for (var i = 0; i <= lastWithValue; i++)
            {
                if ((i >= header.Count || header[i].Length == 0) && !string.IsNullOrWhiteSpace(cells[i]))
                {
                    unnamedWithData.Add(i);
                }
            }

            rows.Add(new TabularRow(record.Line, values));
        }

        foreach (var index in unnamedWithData)
        {
            problems.Add(new ImportProblem(headerLine, null, ImportKeys.UnnamedColumn, index + 1));
        }

        var trimmedHeader = header.Take(LastIndexWithValue(header) + 1).ToList();
        return new TabularReadResult(headerLine, trimmedHeader, rows, problems.OrderBy(problem => problem.Line).ToList());
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
}
