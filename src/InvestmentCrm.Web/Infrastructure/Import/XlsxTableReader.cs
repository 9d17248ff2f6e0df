using System.Globalization;
using System.Text;
using System.Xml;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>
/// Reads the first worksheet of an XLSX workbook as a stream of XML (never a document in memory) into a
/// <see cref="TableBuilder"/>: the expanded size, the rows, the columns and the length of every cell and shared string
/// are checked while reading. Cells come out as a person sees them: shared and inline strings, numbers as Excel shows
/// them (15 significant digits, so 1234.5 stays 1234.5), numbers in a date format as yyyy-MM-dd.
/// </summary>
internal sealed class XlsxTableReader(ImportLimits limits)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // Built-in number formats that show a date (ECMA-376 18.8.30, including the zh-CN ones); the others are
    // numbers or times of day, which stay numbers.
    private static readonly HashSet<int> BuiltInDateFormats = [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58];

    // Excel has at most 64,000 cell formats; any beyond are read as not dates.
    private const int MaxCellFormats = 65_536;

    private readonly char[] chunk = new char[4096];
    private readonly TextBudget budget = new(limits);
    private TextStore? sharedStrings;
    private bool[] dateStyles = [];
    private bool date1904;

    public TabularReadResult Read(Stream stream)
    {
        try
        {
            var seekable = stream.CanSeek ? stream : new MemoryStream(TabularFile.ReadAll(stream, limits.MaxFileBytes) ?? throw FileTooLarge());
            if (seekable.Length - seekable.Position > limits.MaxFileBytes)
            {
                throw FileTooLarge();
            }

            using var package = new XlsxPackage(seekable, limits);
            if (!package.Locate())
            {
                return new TableBuilder(limits, fixedWidth: false).Build();
            }

            date1904 = package.Date1904;
            if (package.Styles is { } styles)
            {
                using var xml = package.Open(styles);
                dateStyles = DateStyles(xml);
            }

            if (package.SharedStrings is { } shared)
            {
                using var xml = package.Open(shared);
                sharedStrings = SharedStrings(xml);
            }

            using var sheet = package.Open(package.Worksheet!);
            return Rows(sheet);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or XmlException or NotSupportedException)
        {
            return TabularReadResult.Failed(new ImportProblem(0, null, ImportKeys.BadXlsx), limits);
        }
    }

    private ImportLimitException FileTooLarge() => new(new ImportProblem(0, null, ImportKeys.FileTooLarge, limits.MaxFileMegabytes));

    private ImportLimitException CellTooLong(int line) => new(new ImportProblem(line, null, ImportKeys.CellTooLong, limits.MaxCellCharacters));

    private TabularReadResult Rows(XmlReader xml)
    {
        var table = new TableBuilder(limits, fixedWidth: false, budget);
        var cells = new List<string>();
        var rowNumber = 0;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row")
            {
                continue;
            }

            rowNumber = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, Invariant, out var index) && index > 0 ? index : rowNumber + 1;
            cells.Clear();
            if (!xml.IsEmptyElement)
            {
                ReadRow(xml, rowNumber, cells);
            }

            table.Add(rowNumber, cells, rejected: false);
        }

        return table.Build();
    }

    private void ReadRow(XmlReader xml, int rowNumber, List<string> cells)
    {
        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c")
            {
                continue;
            }

            var column = ColumnIndex(xml.GetAttribute("r")) ?? cells.Count;
            var text = Cell(xml, rowNumber);
            if (text.Length == 0)
            {
                continue; // formatted but empty cells, however far out, take no room
            }

            if (column >= limits.MaxColumns)
            {
                throw new ImportLimitException(new ImportProblem(rowNumber, null, ImportKeys.TooManyColumns, limits.MaxColumns));
            }

            while (cells.Count <= column)
            {
                cells.Add("");
            }

            cells[column] = text;
        }
    }

    /// <summary>One &lt;c&gt; element, read to its end: its value as shown.</summary>
    private string Cell(XmlReader xml, int rowNumber)
    {
        var type = xml.GetAttribute("t");
        var style = int.TryParse(xml.GetAttribute("s"), NumberStyles.None, Invariant, out var s) ? s : 0;
        string? raw = null;
        string? inline = null;
        if (!xml.IsEmptyElement)
        {
            var depth = xml.Depth;
            while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "v")
                {
                    raw = ElementText(xml, rowNumber);
                }
                else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "is")
                {
                    inline = RichText(xml, rowNumber);
                }
            }
        }

        return type switch
        {
            "s" => int.TryParse(raw, NumberStyles.None, Invariant, out var index) && sharedStrings is { } strings && index < strings.Count ? strings[index] : "",
            "inlineStr" => inline ?? "",
            "b" => raw == "1" ? "TRUE" : "FALSE",
            "d" => raw is { Length: >= 10 } && DateOnly.TryParseExact(raw[..10], "yyyy-MM-dd", Invariant, DateTimeStyles.None, out _) ? raw[..10] : raw ?? "",
            null or "n" => Number(raw, style),
            _ => raw ?? "", // formula strings and errors such as #N/A, shown as they are
        };
    }

    private string Number(string? raw, int style)
    {
        if (raw is null || !double.TryParse(raw, NumberStyles.Float, Invariant, out var number))
        {
            return raw ?? "";
        }

        if (style < dateStyles.Length && dateStyles[style] && number is >= 0 and < 2958466)
        {
            var date = DateTime.FromOADate(number);
            return (date1904 ? date.AddDays(1462) : date).ToString("yyyy-MM-dd", Invariant);
        }

        var shown = number.ToString("G15", Invariant);
        return decimal.TryParse(shown, NumberStyles.Float, Invariant, out var exact) ? TabularFile.FormatDecimal(exact) : shown;
    }

    private TextStore SharedStrings(XmlReader xml)
    {
        var store = new TextStore(budget);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                store.Add(xml.IsEmptyElement ? "" : RichText(xml, line: 0));
            }
        }

        return store;
    }

    /// <summary>The text of an &lt;si&gt; or &lt;is&gt; element: its &lt;t&gt; and the &lt;t&gt; of its runs; phonetic runs
    /// (rPh) are reading aids, not part of the text.</summary>
    private string RichText(XmlReader xml, int line)
    {
        var text = new StringBuilder();
        var depth = xml.Depth;
        xml.Read();
        while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh")
            {
                xml.Skip(); // now on the node after it
                continue;
            }

            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
            {
                text.Append(ElementText(xml, line, limits.MaxCellCharacters - text.Length));
            }

            xml.Read();
        }

        return text.ToString();
    }

    /// <summary>The text of the element the reader is on, read in chunks so that a cell of a hundred million characters
    /// is refused at the limit instead of being made into one string.</summary>
    private string ElementText(XmlReader xml, int line, int? room = null)
    {
        var max = room ?? limits.MaxCellCharacters;
        if (xml.IsEmptyElement)
        {
            return "";
        }

        var text = new StringBuilder();
        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                int read;
                while ((read = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                {
                    if (text.Length + read > max)
                    {
                        throw CellTooLong(line);
                    }

                    text.Append(chunk, 0, read);
                }
            }
        }

        return text.ToString();
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

    private static bool[] DateStyles(XmlReader xml)
    {
        var custom = new Dictionary<int, bool>();
        var formats = new List<int>();
        var inCellFormats = false;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
            {
                inCellFormats = false;
            }

            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (xml.LocalName == "numFmt" && int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.None, Invariant, out var id) && custom.Count < MaxCellFormats)
            {
                custom[id] = IsDateFormatCode(xml.GetAttribute("formatCode") ?? "");
            }
            else if (xml.LocalName == "cellXfs")
            {
                inCellFormats = !xml.IsEmptyElement;
            }
            else if (inCellFormats && xml.LocalName == "xf" && formats.Count < MaxCellFormats)
            {
                formats.Add(int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.None, Invariant, out var format) ? format : 0);
            }
        }

        return formats.Select(id => custom.TryGetValue(id, out var isDate) ? isDate : BuiltInDateFormats.Contains(id)).ToArray();
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
