using System.IO.Compression;
using System.Text;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Land;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Tests.Infrastructure.Import;

/// <summary>Hostile files against small configured limits: each is refused with the limit's problem alone, and the
/// bombs are refused without the reader allocating anything near what they expand to.</summary>
public sealed class ImportLimitsTests
{
    private static readonly ImportLimits Small = new()
    {
        MaxFileMegabytes = 1,
        MaxRows = 10,
        MaxColumns = 20,
        MaxLineCharacters = 1_000,
        MaxCellCharacters = 1_000,
        MaxExpandedMegabytes = 1,
        MaxProblems = 5,
    };

    [Fact]
    public void Xlsx_whose_sheet_expands_past_the_limit_is_refused_before_it_is_expanded()
    {
        // 20 MB of rows that compress to a few kilobytes.
        var bomb = Workbook(sheet => Repeat(sheet, """<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>""", 20 * 1024 * 1024));
        Assert.True(bomb.Length < 200_000, $"{bomb.Length} bytes");

        var (read, allocated) = Measure(() => Read(bomb, "bomb.xlsx", Small));

        ImportTestFiles.AssertSingleProblem(read.Problems, 0, null, ImportKeys.WorkbookTooLarge);
        Assert.Empty(read.Rows);
        Assert.True(allocated < 4_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Xlsx_whose_shared_string_table_expands_past_the_limit_is_refused()
    {
        var bomb = Workbook(
            sheet => sheet.Write("""<row r="1"><c r="A1" t="s"><v>0</v></c></row>"""),
            strings => Repeat(strings, "<si><t>x</t></si>", 20 * 1024 * 1024));

        var (read, allocated) = Measure(() => Read(bomb, "strings.xlsx", Small));

        ImportTestFiles.AssertSingleProblem(read.Problems, 0, null, ImportKeys.WorkbookTooLarge);
        Assert.True(allocated < 4_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Xlsx_whose_shared_strings_hold_more_text_than_the_limit_is_refused_while_they_are_read()
    {
        // 6 MB of shared strings: within the 8 MB expanded, over the 1 MB (half a million characters) of text.
        var limits = new ImportLimits { MaxExpandedMegabytes = 8, MaxTextMegabytes = 1, MaxProblems = 5 };
        var strings = Workbook(
            sheet => sheet.Write("""<row r="1"><c r="A1" t="s"><v>0</v></c></row>"""),
            shared => Repeat(shared, "<si><t>" + new string('c', 100) + "</t></si>", 6 * 1024 * 1024));

        var (read, allocated) = Measure(() => Read(strings, "text.xlsx", limits));

        ImportTestFiles.AssertSingleProblem(read.Problems, 0, null, ImportKeys.TooMuchText);
        Assert.True(allocated < 10_000_000, $"allocated {allocated:N0} bytes; holding the strings would take 12,000,000");
    }

    [Fact]
    public void Xlsx_cell_longer_than_the_limit_is_refused_without_making_it_a_string()
    {
        var limits = Limits(expandedMegabytes: 8);
        var longCell = Workbook(sheet =>
        {
            sheet.Write("""<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>""");
            sheet.Write(new string('a', 3_000_000));
            sheet.Write("</t></is></c></row>");
        });

        var (read, allocated) = Measure(() => Read(longCell, "cell.xlsx", limits));

        ImportTestFiles.AssertSingleProblem(read.Problems, 2, null, ImportKeys.CellTooLong);
        Assert.True(allocated < 3_000_000, $"allocated {allocated:N0} bytes, the cell alone would be 6,000,000");
    }

    [Fact]
    public void Xlsx_shared_string_longer_than_the_limit_is_refused()
    {
        var longString = Workbook(
            sheet => sheet.Write("""<row r="1"><c r="A1" t="s"><v>0</v></c></row>"""),
            strings => strings.Write("<si><t>" + new string('b', 5_000) + "</t></si>"));

        ImportTestFiles.AssertSingleProblem(Read(longString, "s.xlsx", Small).Problems, 0, null, ImportKeys.CellTooLong);
    }

    [Fact]
    public void Xlsx_with_more_rows_than_the_limit_is_refused()
    {
        var rows = Workbook(sheet =>
        {
            for (var r = 1; r <= 12; r++)
            {
                sheet.Write($"""<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>v{r}</t></is></c></row>""");
            }
        });

        ImportTestFiles.AssertSingleProblem(Read(rows, "rows.xlsx", Small).Problems, 0, null, ImportKeys.TooManyRows);
        Assert.Single(Read(rows, "rows.xlsx", Limits(rows: 11)).Header);
    }

    [Fact]
    public void Xlsx_value_beyond_the_column_limit_is_refused_but_formatted_empty_cells_there_are_not()
    {
        var far = Workbook(sheet => sheet.Write("""<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c><c r="XFD1" s="1"/></row><row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="XFD2"><v>1</v></c></row>"""));
        var formattedOnly = Workbook(sheet => sheet.Write("""<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c><c r="XFD1" s="1"/></row><row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>"""));

        ImportTestFiles.AssertSingleProblem(Read(far, "far.xlsx", Small).Problems, 2, null, ImportKeys.TooManyColumns);
        var read = Read(formattedOnly, "ok.xlsx", Small);
        Assert.Empty(read.Problems);
        Assert.Equal("x", Assert.Single(read.Rows).Values["code"]);
    }

    [Fact]
    public void Csv_with_more_rows_than_the_limit_is_refused()
    {
        var csv = "code\n" + string.Concat(Enumerable.Range(1, 11).Select(i => $"c{i}\n\n"));

        ImportTestFiles.AssertSingleProblem(Read(csv, Small).Problems, 0, null, ImportKeys.TooManyRows);
        Assert.Equal(10, Read("code\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"c{i}\n\n")), Small).Rows.Count);
    }

    [Fact]
    public void Csv_value_beyond_the_column_limit_is_refused_on_its_line()
    {
        var csv = "code\nA\n" + new string(',', 25) + "x\n";

        ImportTestFiles.AssertSingleProblem(Read(csv, Small).Problems, 3, null, ImportKeys.TooManyColumns);
    }

    [Fact]
    public void Csv_line_longer_than_the_limit_is_refused_on_its_line_before_it_is_parsed()
    {
        var csv = "code\r\nA\r\n" + new string('x', 200_000) + "\r\nB\r\n";

        var (read, allocated) = Measure(() => Read(csv, Small));

        ImportTestFiles.AssertSingleProblem(read.Problems, 3, null, ImportKeys.LineTooLong);
        Assert.True(allocated < 1_500_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Csv_quoted_value_longer_than_the_cell_limit_is_refused_even_over_short_lines()
    {
        var csv = "code,name\nA,\"" + string.Concat(Enumerable.Repeat("short line\n", 200)) + "\"\n";

        ImportTestFiles.AssertSingleProblem(Read(csv, Small).Problems, 2, null, ImportKeys.CellTooLong);
    }

    [Fact]
    public void Files_over_the_size_limit_are_refused_whatever_their_kind()
    {
        var big = new byte[(1024 * 1024) + 1];

        ImportTestFiles.AssertSingleProblem(Read(big, "big.csv", Small).Problems, 0, null, ImportKeys.FileTooLarge);
        ImportTestFiles.AssertSingleProblem(Read(big, "big.xlsx", Small).Problems, 0, null, ImportKeys.FileTooLarge);
    }

    [Fact]
    public void Problems_past_the_limit_are_counted_and_the_report_says_how_many_more_on_which_lines()
    {
        var rows = Enumerable.Range(1, 100).Select(i => $"BADCODE{i},2020,zero,1,1,,,,");
        var file = Read(LandSamples.Header + "\n" + string.Join("\n", rows) + "\n", Limits(rows: 1_000));
        var context = new LandImportContext(Uscc.IsValid, _ => null, new DateOnly(2026, 1, 1));

        var problems = LandImport.Validate(file, context).Problems;
        var again = LandImport.Validate(file, context).Problems;

        Assert.Equal(6, problems.Count);
        Assert.All(problems.Take(5), p => Assert.InRange(p.Line, 2, 4));
        var closing = problems[^1];
        Assert.Equal(ImportKeys.MoreProblems, closing.Key);
        Assert.Equal(new object[] { 195, 100, 200, 2, 101 }, closing.Args);
        Assert.Equal((100, 200), ProblemLog.Totals(problems));
        Assert.Equal(problems.Select(p => p.ToString()), again.Select(p => p.ToString())); // checking the same read file twice reports it once
    }

    private static ImportLimits Limits(int rows = 10, int expandedMegabytes = 1) => new()
    {
        MaxFileMegabytes = 1,
        MaxRows = rows,
        MaxColumns = 20,
        MaxLineCharacters = 1_000,
        MaxCellCharacters = 1_000,
        MaxExpandedMegabytes = expandedMegabytes,
        MaxProblems = 5,
    };

    private static (TabularReadResult Read, long Allocated) Measure(Func<TabularReadResult> read)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = read();
        return (result, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static TabularReadResult Read(string csv, ImportLimits limits) => Read(Encoding.UTF8.GetBytes(csv), "t.csv", limits);

    private static TabularReadResult Read(byte[] bytes, string name, ImportLimits limits)
    {
        using var stream = new MemoryStream(bytes);
        return TabularFile.Read(stream, name, limits);
    }

    private static void Repeat(TextWriter writer, string text, long characters)
    {
        for (long written = 0; written < characters; written += text.Length)
        {
            writer.Write(text);
        }
    }

    /// <summary>A minimal workbook written part by part, so that a test can make a sheet of any size or shape.</summary>
    private static byte[] Workbook(Action<TextWriter> sheetData, Action<TextWriter>? sharedStrings = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, Action<TextWriter> write)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
                write(writer);
            }

            const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
            Part("[Content_Types].xml", w => w.Write("""<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"""));
            Part("_rels/.rels", w => w.Write($"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{Rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""));
            Part("xl/workbook.xml", w => w.Write($"""<workbook xmlns="{Main}" xmlns:r="{Rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
            Part("xl/_rels/workbook.xml.rels", w => w.Write($"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{Rel}/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>"""));
            Part("xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"""<worksheet xmlns="{Main}"><sheetData>""");
                sheetData(w);
                w.Write("</sheetData></worksheet>");
            });
            if (sharedStrings is not null)
            {
                Part("xl/sharedStrings.xml", w =>
                {
                    w.Write($"""<sst xmlns="{Main}">""");
                    sharedStrings(w);
                    w.Write("</sst>");
                });
            }
        }

        return buffer.ToArray();
    }
}
