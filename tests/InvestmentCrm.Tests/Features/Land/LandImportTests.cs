using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Land;
using InvestmentCrm.Web.Infrastructure.Import;
using static InvestmentCrm.Tests.Support.ImportTestFiles;

namespace InvestmentCrm.Tests.Features.Land;

public class LandImportTests
{
    private static readonly LandImportContext Context = new(
        UsccTestHelper.IsValid,
        uscc => uscc == UsccTestHelper.Make(1) || uscc == UsccTestHelper.Make(2) ? "local"
            : uscc == UsccTestHelper.Make(3) ? "prospect"
            : null,
        new DateOnly(2025, 6, 30));

    private static Dictionary<string, string> ValidRow(int n, int year = 2024) => new()
    {
        ["uscc"] = UsccTestHelper.Make(n),
        ["year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["land_mu"] = "56.8",
        ["output_wan"] = "32000",
        ["tax_wan"] = "1450.75",
        ["investment_wan"] = "8000",
        ["employees"] = "230",
        ["rd_wan"] = "960",
        ["energy_tce"] = "1200.5",
    };

    private static ImportResult<LandImportRow> Validate(params IReadOnlyDictionary<string, string>[] rows) =>
        LandImport.Validate(ReadCsvText(CsvText(LandImport.Header, rows)), Context);

    private static void AssertRejected(string column, string value, string key)
    {
        var result = Validate(ValidRow(1), ValidRow(2).With((column, value)));

        Assert.False(result.Ok);
        AssertSingleProblem(result.Problems, 3, column, key);
        Assert.Equal([2], result.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Header_is_the_documented_column_order() =>
        Assert.Equal("uscc,year,land_mu,output_wan,tax_wan,investment_wan,employees,rd_wan,energy_tce", string.Join(",", LandImport.Header));

    [Fact]
    public void Accepts_a_valid_file_and_reads_every_field()
    {
        var result = Validate(ValidRow(1), ValidRow(1, 2025).With(("investment_wan", ""), ("employees", ""), ("rd_wan", ""), ("energy_tce", "")));

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(new LandImportRow(2, UsccTestHelper.Make(1), 2024, 56.8m, 32000m, 1450.75m, 8000m, 230, 960m, 1200.5m), result.Rows[0]);
        Assert.Equal(new LandImportRow(3, UsccTestHelper.Make(1), 2025, 56.8m, 32000m, 1450.75m, null, null, null, null), result.Rows[1]);
    }

    [Fact]
    public void Rejects_enterprise_not_in_the_registry() => AssertRejected("uscc", UsccTestHelper.Make(4), "Import.Error.UnknownEnterprise");

    [Fact]
    public void Rejects_prospect_enterprise_as_not_local() => AssertRejected("uscc", UsccTestHelper.Make(3), "Import.Error.NotLocalEnterprise");

    [Fact]
    public void Rejects_bad_uscc_with_its_line_number() => AssertRejected("uscc", "91310110666007217A", "Import.Error.BadUscc");

    [Theory]
    [InlineData("1999", "Import.Error.YearOutOfRange")]
    [InlineData("2026", "Import.Error.YearOutOfRange")]
    [InlineData("24", "Import.Error.YearOutOfRange")]
    [InlineData("2023.5", "Import.Error.NotWholeNumber")]
    [InlineData("二〇二四", "Import.Error.NotANumber")]
    [InlineData("", "Import.Error.Required")]
    public void Rejects_year_outside_2000_to_this_year(string year, string key) => AssertRejected("year", year, key);

    [Fact]
    public void Accepts_first_and_current_year()
    {
        Assert.True(Validate(ValidRow(1, 2000), ValidRow(1, 2025)).Ok);
    }

    [Theory]
    [InlineData("0", "Import.Error.NotPositive")]
    [InlineData("-3", "Import.Error.Negative")]
    [InlineData("", "Import.Error.Required")]
    [InlineData("56.8亩", "Import.Error.NotANumber")]
    public void Rejects_land_that_is_missing_or_not_positive(string value, string key) => AssertRejected("land_mu", value, key);

    [Theory]
    [InlineData("output_wan")]
    [InlineData("tax_wan")]
    public void Requires_output_and_tax_but_allows_zero(string column)
    {
        AssertRejected(column, "", "Import.Error.Required");
        AssertRejected(column, "-0.01", "Import.Error.Negative");
        Assert.True(Validate(ValidRow(1).With((column, "0"))).Ok);
    }

    [Theory]
    [InlineData("investment_wan", "-1", "Import.Error.Negative")]
    [InlineData("rd_wan", "1,200", "Import.Error.ThousandsSeparator")]
    [InlineData("energy_tce", "n/a", "Import.Error.NotANumber")]
    [InlineData("employees", "10.5", "Import.Error.NotWholeNumber")]
    public void Rejects_bad_optional_values(string column, string value, string key) => AssertRejected(column, value, key);

    [Fact]
    public void Rejects_second_record_for_the_same_enterprise_and_year_naming_both_lines()
    {
        var result = Validate(ValidRow(1, 2023), ValidRow(1, 2024), ValidRow(2, 2024), ValidRow(1, 2023));

        var problem = AssertSingleProblem(result.Problems, 5, "year", "Import.Error.DuplicateLandRecord");
        Assert.Equal([UsccTestHelper.Make(1), 2023, 2], problem.Args);
    }

    [Fact]
    public void Reports_every_bad_row_at_once_with_line_numbers()
    {
        var result = Validate(
            ValidRow(1).With(("land_mu", "0")),
            ValidRow(3),
            ValidRow(2).With(("year", "1998"), ("tax_wan", "abc")),
            ValidRow(2, 2023));

        Assert.Equal(
            [
                (2, "land_mu", "Import.Error.NotPositive"),
                (3, "uscc", "Import.Error.NotLocalEnterprise"),
                (4, "year", "Import.Error.YearOutOfRange"), (4, "tax_wan", "Import.Error.NotANumber"),
            ],
            result.Problems.Select(p => (p.Line, p.Column, p.Key)));
        Assert.Equal([5], result.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Xlsx_with_number_cells_validates_like_csv()
    {
        var rows = new[] { ValidRow(1), ValidRow(2, 2023) }
            .Select(row => (IReadOnlyList<string?>)LandImport.Header.Select(name => row[name]).ToList())
            .ToList();

        var result = LandImport.Validate(ReadBytes(WriteXlsx(LandImport.Header, rows, LandImport.NumericColumns), "land.xlsx"), Context);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(new LandImportRow(3, UsccTestHelper.Make(2), 2023, 56.8m, 32000m, 1450.75m, 8000m, 230, 960m, 1200.5m), result.Rows[1]);
    }

    [Fact]
    public void Rejects_wrong_header_on_line_1()
    {
        var result = LandImport.Validate(ReadCsvText("uscc,year,land,output_wan,tax_wan,investment_wan,employees,rd_wan,energy_tce\r\n"), Context);

        Assert.Equal(
            [(1, "land_mu", "Import.Error.MissingColumn"), (1, "land", "Import.Error.UnknownColumn")],
            result.Problems.Select(p => (p.Line, p.Column, p.Key)));
    }
}
