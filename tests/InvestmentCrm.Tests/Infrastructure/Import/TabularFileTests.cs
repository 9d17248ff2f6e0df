using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static InvestmentCrm.Tests.Support.ImportTestFiles;

namespace InvestmentCrm.Tests.Infrastructure.Import;

public class TabularFileTests
{
    private static readonly string[] Header = ["code", "name", "amount", "note"];

    private static readonly IReadOnlyList<string?>[] Rows =
    [
        ["A1", "台州缝制设备有限公司", "1234.5", "智能吊挂系统，缝前、缝中"],
        ["A2", "Quote \"inside\"", "0", null],
        ["A3", "  spaced  ", "98765432.1", "comma, and ；"],
    ];

    [Fact]
    public void Csv_and_xlsx_written_from_the_same_rows_read_back_the_same()
    {
        var fromCsv = ReadBytes(WriteCsv(Header, Rows), "a.csv");
        var fromXlsx = ReadBytes(WriteXlsx(Header, Rows, new HashSet<string> { "amount" }), "a.xlsx");

        Assert.Empty(fromCsv.Problems);
        Assert.Empty(fromXlsx.Problems);
        Assert.Equal(Header, fromCsv.Header);
        Assert.Equal(Header, fromXlsx.Header);
        Assert.Equal(fromCsv.Rows.Select(r => r.Line), fromXlsx.Rows.Select(r => r.Line));
        Assert.Equal([2, 3, 4], fromCsv.Rows.Select(r => r.Line));
        for (var i = 0; i < Rows.Length; i++)
        {
            foreach (var (name, index) in Header.Select((name, index) => (name, index)))
            {
                Assert.Equal(Rows[i][index] ?? "", fromCsv.Rows[i].Values[name]);
                Assert.Equal(Rows[i][index] ?? "", fromXlsx.Rows[i].Values[name]);
            }
        }
    }

    [Fact]
    public void Written_csv_has_a_bom_crlf_and_rfc4180_quoting()
    {
        var bytes = WriteCsv(["a", "b"], [["x,y", "say \"hi\""], ["line1\nline2", null]]);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal("a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"line1\nline2\",\r\n", text);
    }

    [Fact]
    public void Written_csv_defuses_formulas_and_reading_restores_them()
    {
        string?[] values = ["=1+1", "+86 138 0013 8000", "-5", "@SUM(A1)", "'=x", "'plain"];
        var header = values.Select((_, i) => "c" + i).ToArray();

        var bytes = WriteCsv(header, [values]);
        var text = Encoding.UTF8.GetString(bytes);
        var read = ReadBytes(bytes, "f.csv");

        Assert.Contains("'=1+1", text, StringComparison.Ordinal);
        Assert.Contains("''=x", text, StringComparison.Ordinal);
        Assert.Equal(values, header.Select(name => read.Rows[0].Values[name]));
    }

    [Fact]
    public void Csv_header_is_trimmed_and_lower_cased_and_bom_is_stripped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(" Code , NAME\r\nA1,企业\r\n")).ToArray();

        var read = ReadBytes(bytes, "UPPER.CSV");

        Assert.Empty(read.Problems);
        Assert.Equal(["code", "name"], read.Header);
        Assert.Equal("A1", read.Rows[0].Values["code"]);
        Assert.Equal("企业", read.Rows[0].Values["name"]);
    }

    [Fact]
    public void Csv_row_lines_are_where_each_record_starts_even_after_embedded_newlines_and_blank_lines()
    {
        var read = ReadCsvText("code,note\nA1,\"first\nsecond\r\nthird\"\nA2,x\n\nA3,\"y\"\n,\nA4,z");

        Assert.Empty(read.Problems);
        Assert.Equal(["A1", "A2", "A3", "A4"], read.Rows.Select(r => r.Values["code"]));
        Assert.Equal([2, 5, 7, 9], read.Rows.Select(r => r.Line));
        Assert.Equal("first\nsecond\r\nthird", read.Rows[0].Values["note"]);
    }

    [Fact]
    public void Csv_line_numbers_stay_right_across_thousands_of_multiline_records()
    {
        var text = new StringBuilder("code,note\r\n");
        var expected = new List<int>();
        var line = 2;
        for (var i = 0; i < 3000; i++)
        {
            var breaks = i % 4;
            expected.Add(line);
            text.Append("C").Append(i).Append(",\"").Append(string.Join("\r\n", Enumerable.Repeat("多行内容，含逗号", breaks + 1))).Append("\"\r\n");
            line += breaks + 1;
            if (i % 7 == 0)
            {
                text.Append("\r\n");
                line++;
            }
        }

        var read = ReadCsvText(text.ToString());

        Assert.Empty(read.Problems);
        Assert.Equal(expected, read.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Csv_in_gbk_is_reported_as_not_utf8_at_the_line_of_the_first_bad_byte()
    {
        byte[] gbk = [.. Encoding.ASCII.GetBytes("code,name\r\nA1,ok\r\nA2,"), 0xC6, 0xF3, 0xD2, 0xB5, .. Encoding.ASCII.GetBytes("\r\n")];

        var read = ReadBytes(gbk, "gbk.csv");

        Assert.Empty(read.Rows);
        AssertSingleProblem(read.Problems, 3, null, "Import.Error.NotUtf8");
    }

    [Fact]
    public void Unsupported_file_type_is_a_problem_for_the_whole_file()
    {
        var read = ReadBytes([1, 2, 3], "enterprises.xls");

        var problem = AssertSingleProblem(read.Problems, 0, null, "Import.Error.UnsupportedFileType");
        Assert.Equal(".xls", problem.Args[0]);
    }

    [Fact]
    public void Xlsx_that_is_not_a_workbook_is_a_problem_not_an_exception()
    {
        var read = ReadBytes(Encoding.UTF8.GetBytes("uscc,name\r\n"), "renamed.xlsx");

        AssertSingleProblem(read.Problems, 0, null, "Import.Error.BadXlsx");
    }

    [Fact]
    public void Csv_row_with_too_many_or_too_few_fields_is_reported_and_left_out()
    {
        var read = ReadCsvText("code,amount\nA1,1\nA2,1,234\nA3\nA4,2,,\n");

        Assert.Equal(["A1", "A4"], read.Rows.Select(r => r.Values["code"]));
        Assert.Equal(2, read.Problems.Count);
        AssertProblem(read.Problems, 3, null, "Import.Error.WrongFieldCount");
        AssertProblem(read.Problems, 4, null, "Import.Error.WrongFieldCount");
    }

    [Fact]
    public void Csv_stray_quote_is_reported_with_its_line()
    {
        var read = ReadCsvText("code,name\nA1,ok\nA2,\"bad\"x\nA3,ok\n");

        AssertSingleProblem(read.Problems, 3, null, "Import.Error.BadCsvQuotes");
        Assert.Equal(["A1", "A3"], read.Rows.Select(r => r.Values["code"]));
    }

    [Fact]
    public void Csv_unterminated_quote_is_reported_at_the_line_where_it_opens()
    {
        var read = ReadCsvText("code,name\nA1,ok\nA2,\"never closed\nA3,x\nA4,y\n");

        AssertSingleProblem(read.Problems, 3, null, "Import.Error.BadCsvQuotes");
        Assert.Equal(["A1"], read.Rows.Select(r => r.Values["code"]));
    }

    [Fact]
    public void Duplicate_and_unnamed_columns_with_data_are_reported_on_the_header_line()
    {
        var read = ReadCsvText("code,name,code,,\nA1,x,A2,data,\n");

        Assert.Equal(2, read.Problems.Count);
        AssertProblem(read.Problems, 1, "code", "Import.Error.DuplicateColumn");
        var unnamed = read.Problems.Single(p => p.Key == "Import.Error.UnnamedColumn");
        Assert.Equal(4, unnamed.Args[0]);
    }

    [Fact]
    public void Trailing_empty_columns_and_rows_are_ignored()
    {
        var read = ReadCsvText("code,name,,\nA1,x,,\n,,,\n,,,\n");

        Assert.Empty(read.Problems);
        Assert.Equal(["code", "name"], read.Header);
        Assert.Single(read.Rows);
    }

    [Fact]
    public void Xlsx_empty_trailing_rows_are_ignored()
    {
        var bytes = WriteXlsx(["code"], [["A1"], [null], [""], [null]]);

        var read = ReadBytes(bytes, "t.xlsx");

        Assert.Empty(read.Problems);
        Assert.Single(read.Rows);
    }

    [Fact]
    public void Xlsx_cells_read_as_excel_shows_them()
    {
        var read = ReadBytes(HandMadeWorkbook(), "hand.xlsx");

        Assert.Empty(read.Problems);
        Assert.Equal(["name", "amount", "signed", "signed_cn", "phone", "flag"], read.Header);
        Assert.Equal([2, 4], read.Rows.Select(r => r.Line));
        var first = read.Rows[0].Values;
        Assert.Equal("企业甲", first["name"]);
        Assert.Equal("1234.5", first["amount"]);
        Assert.Equal("2023-03-15", first["signed"]);
        Assert.Equal("2023-03-15", first["signed_cn"]);
        Assert.Equal("13800138000", first["phone"]);
        Assert.Equal("TRUE", first["flag"]);
        var second = read.Rows[1].Values;
        Assert.Equal("缝制设备", second["name"]);
        Assert.Equal("0.3", second["amount"]);
        Assert.Equal("", second["signed"]);
        Assert.Equal("0.125", second["phone"]);
    }

    /// <summary>A workbook as Excel writes one: shared strings (with a phonetic run), styles with date formats,
    /// numbers stored with binary noise, a sparse row, rich inline text and formatted but empty trailing rows.</summary>
    private static byte[] HandMadeWorkbook()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();

            var strings = workbookPart.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable(
                new SharedStringItem(new Text("Name ")),
                new SharedStringItem(new Text(" AMOUNT")),
                new SharedStringItem(new Text("signed")),
                new SharedStringItem(new Text("Signed_CN")),
                new SharedStringItem(new Text("phone")),
                new SharedStringItem(new Text("flag")),
                new SharedStringItem(new Text("企业甲"), new PhoneticRun(new Text("qiye")) { BaseTextStartIndex = 0, EndingBaseIndex = 2 }));

            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy\"年\"m\"月\"d\"日\"" }) { Count = 1 },
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill()) { Count = 1 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat { NumberFormatId = 0 },
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true })
                { Count = 4 });

            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = new Worksheet(new SheetData(
                new Row(
                    Shared("A1", 0), Shared("B1", 1), Shared("C1", 2), Shared("D1", 3), Shared("E1", 4), Shared("F1", 5))
                { RowIndex = 1 },
                new Row(
                    Shared("A2", 6),
                    Number("B2", "1234.4999999999998", 3),
                    Number("C2", "45000", 1),
                    Number("D2", "45000.75", 2),
                    Number("E2", "13800138000", 0),
                    new Cell { CellReference = "F2", DataType = CellValues.Boolean, CellValue = new CellValue("1") })
                { RowIndex = 2 },
                new Row(
                    new Cell
                    {
                        CellReference = "A4",
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(
                            new Run(new Text("缝制")),
                            new Run(new RunProperties(new Bold()), new Text("设备"))),
                    },
                    Number("B4", "0.30000000000000004", 0),
                    Number("E4", "0.125", 0))
                { RowIndex = 4 },
                new Row(new Cell { CellReference = "A5", StyleIndex = 1 }) { RowIndex = 5 },
                new Row { RowIndex = 6 }));

            workbookPart.Workbook.AppendChild(new Sheets(
                new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = "企业" }));
        }

        return stream.ToArray();

        static Cell Shared(string reference, int index) =>
            new() { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) };

        static Cell Number(string reference, string value, uint style) =>
            new() { CellReference = reference, CellValue = new CellValue(value), StyleIndex = style };
    }
}
