using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Import;
using static InvestmentCrm.Tests.Support.ImportTestFiles;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Tests.Features.Enterprises;

public class EnterpriseImportTests
{
    internal static readonly HashSet<ChainNodeRef> KnownNodes =
        [new("SEW", "HANG"), new("SEW", "APPAREL"), new("SEW", "MOTOR")];

    internal static readonly EnterpriseImportContext Context =
        new(UsccTestHelper.IsValid, node => KnownNodes.Contains(node));

    internal static Dictionary<string, string> ValidRow(int n) => new()
    {
        ["uscc"] = UsccTestHelper.Make(n),
        ["name"] = $"台州缝制设备有限公司{n}",
        ["kind"] = "local",
        ["province"] = "浙江省",
        ["city"] = "台州市",
        ["district"] = "椒江区",
        ["industry_code"] = "3553",
        ["registered_capital_wan"] = "1000",
        ["annual_revenue_wan"] = "1234.5",
        ["employees"] = "120",
        ["qualifications"] = "high_tech;srdi",
        ["chain_nodes"] = "SEW:HANG;SEW:APPAREL",
        ["main_products"] = "智能吊挂系统, 缝制单元",
        ["contact_name"] = "张三",
        ["contact_title"] = "总经理",
        ["contact_phone"] = "0576-88888888",
        ["contact_email"] = "zhang@example.com",
        ["website"] = "www.example.com",
    };

    internal static ImportResult<EnterpriseFileRow> Validate(params IReadOnlyDictionary<string, string>[] rows) =>
        EnterpriseImport.Validate(ReadCsvText(CsvText(EnterpriseImport.Header, rows)), Context);

    /// <summary>Row 1 of the data is line 2; a bad value in <paramref name="column"/> of the second data row is on line 3.</summary>
    private static void AssertRejected(string column, string value, string key)
    {
        var result = Validate(ValidRow(1), ValidRow(2).With((column, value)));

        Assert.False(result.Ok);
        AssertSingleProblem(result.Problems, 3, column, key);
        Assert.Equal([2], result.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Header_is_the_documented_column_order()
    {
        Assert.Equal(
            "uscc,name,kind,province,city,district,industry_code,registered_capital_wan,annual_revenue_wan,employees,qualifications,chain_nodes,main_products,contact_name,contact_title,contact_phone,contact_email,website",
            string.Join(",", EnterpriseImport.Header));
    }

    [Fact]
    public void Accepts_a_valid_file_and_reads_every_field()
    {
        var result = Validate(ValidRow(1));

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var row = Assert.Single(result.Rows);
        Assert.Equal(2, row.Line);
        Assert.Equal(UsccTestHelper.Make(1), row.Uscc);
        Assert.Equal("台州缝制设备有限公司1", row.Name);
        Assert.Equal("local", row.Kind);
        Assert.Equal(("浙江省", "台州市", "椒江区"), (row.Province, row.City, row.District));
        Assert.Equal("3553", row.IndustryCode);
        Assert.Equal(1000m, row.RegisteredCapitalWan);
        Assert.Equal(1234.5m, row.AnnualRevenueWan);
        Assert.Equal(120, row.Employees);
        Assert.Equal(["high_tech", "srdi"], row.Qualifications);
        Assert.Equal([new ChainNodeRef("SEW", "HANG"), new ChainNodeRef("SEW", "APPAREL")], row.ChainNodes);
        Assert.Equal("智能吊挂系统, 缝制单元", row.MainProducts);
        Assert.Equal(new EnterpriseContact("张三", "总经理", "0576-88888888", "zhang@example.com"), row.Contact);
        Assert.Equal("www.example.com", row.Website);
    }

    [Fact]
    public void Normalizes_case_spaces_and_list_separators()
    {
        var result = Validate(ValidRow(1).With(
            ("uscc", "  " + UsccTestHelper.Make(1).ToLowerInvariant() + " "),
            ("kind", " Prospect "),
            ("qualifications", " High_Tech ; ;srdi；listed;srdi "),
            ("chain_nodes", "SEW : HANG；SEW：MOTOR;"),
            ("registered_capital_wan", "1000.50"),
            ("province", "  "),
            ("industry_code", "c3553")));

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var row = Assert.Single(result.Rows);
        Assert.Equal(UsccTestHelper.Make(1), row.Uscc);
        Assert.Equal("prospect", row.Kind);
        Assert.Equal(["high_tech", "srdi", "listed"], row.Qualifications);
        Assert.Equal([new ChainNodeRef("SEW", "HANG"), new ChainNodeRef("SEW", "MOTOR")], row.ChainNodes);
        Assert.Equal(1000.5m, row.RegisteredCapitalWan);
        Assert.Null(row.Province);
        Assert.Equal("C3553", row.IndustryCode);
    }

    [Fact]
    public void Accepts_columns_in_any_order()
    {
        var header = EnterpriseImport.Header.Reverse().ToArray();

        var result = EnterpriseImport.Validate(ReadCsvText(CsvText(header, [ValidRow(1)])), Context);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(UsccTestHelper.Make(1), Assert.Single(result.Rows).Uscc);
    }

    [Fact]
    public void Optional_fields_may_all_be_empty()
    {
        var minimal = new Dictionary<string, string> { ["uscc"] = UsccTestHelper.Make(1), ["name"] = "企业", ["kind"] = "prospect" };

        var result = Validate(minimal);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var row = Assert.Single(result.Rows);
        Assert.Empty(row.Qualifications);
        Assert.Empty(row.ChainNodes);
        Assert.Null(row.Employees);
        Assert.Null(row.Website);
    }

    [Fact]
    public void Rejects_row_with_bad_uscc_with_its_line_number()
    {
        var result = Validate(ValidRow(1), ValidRow(2).With(("uscc", "91310110666007217A")));

        var problem = AssertSingleProblem(result.Problems, 3, "uscc", "Import.Error.BadUscc");
        Assert.Equal("91310110666007217A", problem.Args[0]);
    }

    [Theory]
    [InlineData("9131011066600721")]
    [InlineData("91310110666007217TX")]
    [InlineData("91310110666OO7217T")]
    [InlineData("9131 0110666007217")]
    public void Rejects_uscc_of_the_wrong_shape(string uscc) => AssertRejected("uscc", uscc, "Import.Error.BadUsccFormat");

    [Fact]
    public void Rejects_missing_uscc() => AssertRejected("uscc", "", "Import.Error.Required");

    [Fact]
    public void Rejects_duplicate_uscc_naming_both_lines()
    {
        var result = Validate(ValidRow(1), ValidRow(2), ValidRow(1).With(("uscc", UsccTestHelper.Make(1).ToLowerInvariant())));

        var problem = AssertSingleProblem(result.Problems, 4, "uscc", "Import.Error.DuplicateUscc");
        Assert.Equal([UsccTestHelper.Make(1), 2], problem.Args);
    }

    [Fact]
    public void Rejects_missing_name() => AssertRejected("name", " ", "Import.Error.Required");

    [Fact]
    public void Rejects_name_over_200_characters()
    {
        AssertRejected("name", new string('企', 201), "Import.Error.TooLong");
        Assert.True(Validate(ValidRow(1).With(("name", new string('企', 200)))).Ok);
    }

    [Theory]
    [InlineData("")]
    [InlineData("在地")]
    [InlineData("locals")]
    public void Rejects_kind_other_than_local_or_prospect(string kind) =>
        AssertRejected("kind", kind, kind.Length == 0 ? "Import.Error.Required" : "Import.Error.BadChoice");

    [Theory]
    [InlineData("1,234", "Import.Error.ThousandsSeparator")]
    [InlineData("1,234.5", "Import.Error.ThousandsSeparator")]
    [InlineData("abc", "Import.Error.NotANumber")]
    [InlineData("500万", "Import.Error.NotANumber")]
    [InlineData("1e5", "Import.Error.NotANumber")]
    [InlineData("1.2.3", "Import.Error.NotANumber")]
    [InlineData("-5", "Import.Error.Negative")]
    [InlineData("1.005", "Import.Error.TooManyDecimals")]
    [InlineData("99999999999999999", "Import.Error.NumberTooLarge")]
    public void Rejects_bad_money_values_with_a_clear_key(string value, string key)
    {
        AssertRejected("registered_capital_wan", value, key);
        AssertRejected("annual_revenue_wan", value, key);
    }

    [Theory]
    [InlineData("12.5", "Import.Error.NotWholeNumber")]
    [InlineData("-1", "Import.Error.Negative")]
    [InlineData("1,000", "Import.Error.ThousandsSeparator")]
    [InlineData("many", "Import.Error.NotANumber")]
    [InlineData("99999999999", "Import.Error.NumberTooLarge")]
    public void Rejects_employees_that_are_not_a_whole_non_negative_number(string value, string key) =>
        AssertRejected("employees", value, key);

    [Fact]
    public void Accepts_zero_values_and_a_leading_decimal_point()
    {
        var result = Validate(ValidRow(1).With(("employees", "0"), ("annual_revenue_wan", "0"), ("registered_capital_wan", ".5")));

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(0, result.Rows[0].Employees);
        Assert.Equal(0.5m, result.Rows[0].RegisteredCapitalWan);
    }

    [Fact]
    public void Rejects_unknown_qualification_naming_it()
    {
        var result = Validate(ValidRow(1).With(("qualifications", "high_tech;gazelle")));

        var problem = AssertSingleProblem(result.Problems, 2, "qualifications", "Import.Error.UnknownQualification");
        Assert.Equal("gazelle", problem.Args[0]);
    }

    [Theory]
    [InlineData("SEW", "Import.Error.BadChainNode")]
    [InlineData("SEW:", "Import.Error.BadChainNode")]
    [InlineData("SEW:HANG:X", "Import.Error.BadChainNode")]
    [InlineData("SEW:HANG GER", "Import.Error.BadChainNode")]
    [InlineData("SEW:NOPE", "Import.Error.UnknownChainNode")]
    [InlineData("EV:HANG", "Import.Error.UnknownChainNode")]
    public void Rejects_chain_nodes_that_are_malformed_or_do_not_exist(string value, string key) =>
        AssertRejected("chain_nodes", "SEW:HANG;" + value, key);

    [Fact]
    public void Looks_up_each_distinct_chain_node_once()
    {
        var lookups = 0;
        var context = Context with { NodeExists = node => { lookups++; return KnownNodes.Contains(node); } };
        var rows = Enumerable.Range(1, 50).Select(n => (IReadOnlyDictionary<string, string>)ValidRow(n)).ToList();

        var result = EnterpriseImport.Validate(ReadCsvText(CsvText(EnterpriseImport.Header, rows)), context);

        Assert.True(result.Ok);
        Assert.Equal(2, lookups);
    }

    [Theory]
    [InlineData("zhang")]
    [InlineData("zhang@")]
    [InlineData("zhang@example")]
    [InlineData("zhang san@example.com")]
    public void Rejects_malformed_contact_email(string email) => AssertRejected("contact_email", email, "Import.Error.BadEmail");

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    [InlineData("localhost")]
    public void Rejects_malformed_website(string website) => AssertRejected("website", website, "Import.Error.BadWebsite");

    [Theory]
    [InlineData("https://www.example.com/about")]
    [InlineData("http://example.cn")]
    [InlineData("example.com.cn")]
    public void Accepts_websites_with_or_without_scheme(string website) => Assert.True(Validate(ValidRow(1).With(("website", website))).Ok);

    [Theory]
    [InlineData("355")]
    [InlineData("C")]
    [InlineData("C35")]
    public void Accepts_industry_codes_of_every_level(string code) => Assert.True(Validate(ValidRow(1).With(("industry_code", code))).Ok);

    [Theory]
    [InlineData("35535")]
    [InlineData("Z35")]
    [InlineData("缝纫")]
    public void Rejects_industry_codes_that_are_not_gbt_4754(string code) => AssertRejected("industry_code", code, "Import.Error.BadIndustryCode");

    [Fact]
    public void Rejects_contact_details_without_a_contact_name() =>
        AssertRejected("contact_name", "", "Import.Error.ContactNameRequired");

    [Fact]
    public void Rejects_overlong_optional_text() => AssertRejected("district", new string('区', 51), "Import.Error.TooLong");

    [Fact]
    public void Reports_every_bad_row_and_field_at_once()
    {
        var result = Validate(
            ValidRow(1),
            ValidRow(2).With(("uscc", "91310110666007217A"), ("employees", "abc")),
            ValidRow(3),
            ValidRow(4).With(("kind", "target"), ("annual_revenue_wan", "1,234")),
            ValidRow(5).With(("name", ""), ("chain_nodes", "SEW:NOPE")));

        Assert.False(result.Ok);
        Assert.Equal(
            [
                (3, "uscc", "Import.Error.BadUscc"), (3, "employees", "Import.Error.NotANumber"),
                (5, "kind", "Import.Error.BadChoice"), (5, "annual_revenue_wan", "Import.Error.ThousandsSeparator"),
                (6, "name", "Import.Error.Required"), (6, "chain_nodes", "Import.Error.UnknownChainNode"),
            ],
            result.Problems.Select(p => (p.Line, p.Column, p.Key)));
        Assert.Equal([2, 4], result.Rows.Select(r => r.Line));
    }
}
