using System.Text;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Enterprises;
using static InvestmentCrm.Tests.Features.Enterprises.EnterpriseImportTests;
using static InvestmentCrm.Tests.Support.ImportTestFiles;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>The enterprises file as a whole: line numbers, header, encodings, CSV and XLSX, and the export round trip.</summary>
public class EnterpriseFileTests
{
    [Fact]
    public void Line_numbers_stay_right_after_a_quoted_field_with_newlines()
    {
        var multiLine = ValidRow(1).With(("main_products", "第一行\n第二行\n第三行"));
        var bad = ValidRow(2).With(("uscc", "91310110666007217A"));

        var result = Validate(multiLine, bad);

        AssertSingleProblem(result.Problems, 5, "uscc", "Import.Error.BadUscc");
        Assert.Equal("第一行\n第二行\n第三行", result.Rows[0].MainProducts);
    }

    [Fact]
    public void Reports_missing_and_unknown_columns_on_line_1_and_checks_no_rows()
    {
        var header = EnterpriseImport.Header.Where(name => name is not ("kind" or "website")).Append("remarks").ToArray();

        var result = EnterpriseImport.Validate(ReadCsvText(CsvText(header, [ValidRow(1).With(("uscc", "bad"))])), Context);

        Assert.Equal(
            [(1, "kind", "Import.Error.MissingColumn"), (1, "website", "Import.Error.MissingColumn"), (1, "remarks", "Import.Error.UnknownColumn")],
            result.Problems.Select(p => (p.Line, p.Column, p.Key)));
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Unknown_column_alone_still_lets_rows_be_checked()
    {
        var header = EnterpriseImport.Header.Append("remarks").ToArray();

        var result = EnterpriseImport.Validate(ReadCsvText(CsvText(header, [ValidRow(1).With(("employees", "x"))])), Context);

        Assert.Equal(
            [(1, "remarks", "Import.Error.UnknownColumn"), (2, "employees", "Import.Error.NotANumber")],
            result.Problems.Select(p => (p.Line, p.Column, p.Key)));
    }

    [Fact]
    public void Rejects_an_empty_file()
    {
        var result = EnterpriseImport.Validate(ReadCsvText(""), Context);

        AssertSingleProblem(result.Problems, 1, null, "Import.Error.EmptyFile");
    }

    [Fact]
    public void Rejects_a_file_with_only_a_header()
    {
        var result = EnterpriseImport.Validate(ReadCsvText(string.Join(",", EnterpriseImport.Header) + "\r\n"), Context);

        AssertSingleProblem(result.Problems, 1, null, "Import.Error.NoDataRows");
    }

    [Fact]
    public void File_saved_as_gbk_gives_only_the_not_utf8_problem()
    {
        byte[] gbk = [.. Encoding.ASCII.GetBytes(string.Join(",", EnterpriseImport.Header) + "\r\n" + UsccTestHelper.Make(1) + ","), 0xC6, 0xF3, 0xD2, 0xB5, .. Encoding.ASCII.GetBytes(",local\r\n")];

        var result = EnterpriseImport.Validate(ReadBytes(gbk, "gbk.csv"), Context);

        AssertSingleProblem(result.Problems, 2, null, "Import.Error.NotUtf8");
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Reader_problems_are_part_of_the_result()
    {
        var text = CsvText(EnterpriseImport.Header, [ValidRow(1), ValidRow(2)]) + "extra,fields\r\n";

        var result = EnterpriseImport.Validate(ReadCsvText(text), Context);

        AssertSingleProblem(result.Problems, 4, null, "Import.Error.WrongFieldCount");
    }

    [Fact]
    public void Accepts_a_file_with_a_bom_and_keeps_chinese_text()
    {
        var bytes = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes(CsvText(EnterpriseImport.Header, [ValidRow(1).With(("name", "浙江亿拿智能科技有限公司“吊挂”"))])))
            .ToArray();

        var result = EnterpriseImport.Validate(ReadBytes(bytes, "企业.csv"), Context);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal("浙江亿拿智能科技有限公司“吊挂”", result.Rows[0].Name);
    }

    [Fact]
    public void Xlsx_file_gives_the_same_rows_and_problems_as_csv()
    {
        var rows = new[] { ValidRow(1), ValidRow(2).With(("uscc", "91310110666007217A")), ValidRow(3).With(("employees", "1.5")) };
        var values = rows.Select(row => (IReadOnlyList<string?>)EnterpriseImport.Header.Select(name => row.GetValueOrDefault(name)).ToList()).ToList();

        var fromCsv = EnterpriseImport.Validate(ReadCsvText(CsvText(EnterpriseImport.Header, rows)), Context);
        var fromXlsx = EnterpriseImport.Validate(ReadBytes(WriteXlsx(EnterpriseImport.Header, values, EnterpriseImport.NumericColumns), "e.xlsx"), Context);

        Assert.Equal(fromCsv.Problems.Select(p => p.ToString()), fromXlsx.Problems.Select(p => p.ToString()));
        Assert.Equal(fromCsv.Rows.Select(r => EnterpriseImport.ToCsvRow(Export(r))), fromXlsx.Rows.Select(r => EnterpriseImport.ToCsvRow(Export(r))));
    }

    public static TheoryData<string> Formats => ["csv", "xlsx"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Export_then_import_gives_the_same_enterprises(string format)
    {
        EnterpriseFileRow[] exported =
        [
            new()
            {
                Uscc = UsccTestHelper.Make(1), Name = "台州缝制设备有限公司", Kind = "local", Province = "浙江省", City = "台州市", District = "椒江区",
                IndustryCode = "3553", RegisteredCapitalWan = 1234.50m, AnnualRevenueWan = 98765.43m, Employees = 120,
                Qualifications = ["high_tech", "little_giant"], ChainNodes = [new("SEW", "HANG"), new("SEW", "MOTOR")], MainProducts = "吊挂系统, \"智能\"产线\n第二行",
                Contact = new("张三", "总经理", "+86 576 8888 8888", "zhang@example.com"), Website = "https://example.com",
            },
            new()
            {
                Uscc = UsccTestHelper.Make(2), Name = "=HYPERLINK(\"x\")", Kind = "prospect", AnnualRevenueWan = 0m, Employees = 0,
            },
            new()
            {
                Uscc = UsccTestHelper.Make(3), Name = "Ningbo Co., Ltd.", Kind = "prospect", Province = "浙江省", City = "宁波市", IndustryCode = "C",
                RegisteredCapitalWan = 100000000m, AnnualRevenueWan = 0.01m, Qualifications = ["listed"], ChainNodes = [new("SEW", "APPAREL")],
                Contact = new("李四", null, "-", null), Website = "www.nb.cn",
            },
        ];

        var csvRows = exported.Select(EnterpriseImport.ToCsvRow).ToList();
        var bytes = format == "csv"
            ? WriteCsv(EnterpriseImport.Header, csvRows)
            : WriteXlsx(EnterpriseImport.Header, csvRows, EnterpriseImport.NumericColumns);
        var result = EnterpriseImport.Validate(ReadBytes(bytes, "export." + format), Context);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(exported.Length, result.Rows.Count);
        for (var i = 0; i < exported.Length; i++)
        {
            AssertSame(exported[i], Export(result.Rows[i]));
        }
    }

    [Fact]
    public void Export_writes_decimals_invariant_without_trailing_zeros_and_lists_with_semicolons()
    {
        var row = EnterpriseImport.ToCsvRow(new EnterpriseFileRow
        {
            Uscc = UsccTestHelper.Make(1), Name = "企业", Kind = "local", RegisteredCapitalWan = 1234.50m, AnnualRevenueWan = 1000.00m, Employees = 7,
            Qualifications = ["high_tech", "srdi"], ChainNodes = [new("SEW", "HANG"), new("SEW", "MOTOR")],
        });

        Assert.Equal("1234.5", row[7]);
        Assert.Equal("1000", row[8]);
        Assert.Equal("7", row[9]);
        Assert.Equal("high_tech;srdi", row[10]);
        Assert.Equal("SEW:HANG;SEW:MOTOR", row[11]);
        Assert.Null(row[12]);
        Assert.Equal(EnterpriseImport.Header.Count, row.Count);
    }

    [Fact]
    public void Ten_thousand_row_csv_is_read_and_validated()
    {
        var rows = Enumerable.Range(1, 10_000).Select(n => (IReadOnlyDictionary<string, string>)ValidRow(n)).ToList();
        var text = CsvText(EnterpriseImport.Header, rows);

        var result = EnterpriseImport.Validate(ReadCsvText(text), Context);

        Assert.True(result.Ok, string.Join("\n", result.Problems.Take(5)));
        Assert.Equal(10_000, result.Rows.Count);
        Assert.Equal(10_001, result.Rows[^1].Line);
    }

    [Fact]
    public void Chain_node_ref_parses_and_prints_chain_colon_node()
    {
        Assert.Equal(new ChainNodeRef("SEW", "HANG"), ChainNodeRef.Parse(" SEW : HANG "));
        Assert.Equal("SEW:HANG", new ChainNodeRef("SEW", "HANG").ToString());
        Assert.False(ChainNodeRef.TryParse("SEWHANG", out _));
        Assert.Throws<FormatException>(() => ChainNodeRef.Parse(":HANG"));
    }

    /// <summary>The row as an export would write it: no file line.</summary>
    private static EnterpriseFileRow Export(EnterpriseFileRow r) => r with { Line = 0 };

    private static void AssertSame(EnterpriseFileRow expected, EnterpriseFileRow actual)
    {
        Assert.Equal(
            expected with { Qualifications = Array.Empty<string>(), ChainNodes = Array.Empty<ChainNodeRef>() },
            actual with { Qualifications = Array.Empty<string>(), ChainNodes = Array.Empty<ChainNodeRef>() });
        Assert.Equal(expected.Qualifications, actual.Qualifications);
        Assert.Equal(expected.ChainNodes, actual.ChainNodes);
    }
}
