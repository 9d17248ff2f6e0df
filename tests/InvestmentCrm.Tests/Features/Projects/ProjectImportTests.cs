using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Import;
using static InvestmentCrm.Tests.Support.ImportTestFiles;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Tests.Features.Projects;

public class ProjectImportTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    private static readonly HashSet<string> Enterprises = [UsccTestHelper.Make(1), UsccTestHelper.Make(2)];

    private static readonly ProjectImportContext Context = new(
        UsccTestHelper.IsValid,
        Enterprises.Contains,
        email => string.Equals(email, "wang@park.gov.cn", StringComparison.OrdinalIgnoreCase),
        node => node == new ChainNodeRef("SEW", "HANG") || node == new ChainNodeRef("SEW", "MOTOR"),
        Today);

    private static Dictionary<string, string> ValidRow(int n) => new()
    {
        ["code"] = $"P-2025_{n:D3}",
        ["title"] = $"智能吊挂系统生产基地项目{n}",
        ["enterprise_uscc"] = UsccTestHelper.Make(1),
        ["stage"] = "signed",
        ["owner_email"] = "wang@park.gov.cn",
        ["planned_investment_wan"] = "50000",
        ["land_mu"] = "80.5",
        ["expected_output_wan"] = "120000",
        ["expected_tax_wan"] = "6000",
        ["source"] = "referral",
        ["target_nodes"] = "SEW:HANG",
        ["signed_on"] = "2025-03-18",
    };

    private static ImportResult<ProjectFileRow> Validate(params IReadOnlyDictionary<string, string>[] rows) =>
        ProjectImport.Validate(ReadCsvText(CsvText(ProjectImport.Header, rows)), Context);

    private static void AssertRejected(Dictionary<string, string> badRow, string column, string key)
    {
        var result = Validate(ValidRow(1), badRow);

        Assert.False(result.Ok);
        AssertSingleProblem(result.Problems, 3, column, key);
        Assert.Equal([2], result.Rows.Select(r => r.Line));
    }

    private static void AssertRejected(string column, string value, string key) => AssertRejected(ValidRow(2).With((column, value)), column, key);

    [Fact]
    public void Header_is_the_documented_column_order()
    {
        Assert.Equal(
            "code,title,enterprise_uscc,stage,owner_email,planned_investment_wan,land_mu,expected_output_wan,expected_tax_wan,source,target_nodes,signed_on,started_on,in_production_on",
            string.Join(",", ProjectImport.Header));
    }

    [Fact]
    public void Accepts_a_valid_file_and_reads_every_field()
    {
        var result = Validate(ValidRow(1));

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var row = Assert.Single(result.Rows);
        Assert.Equal(
            new ProjectFileRow
            {
                Line = 2, Code = "P-2025_001", Title = "智能吊挂系统生产基地项目1", EnterpriseUscc = UsccTestHelper.Make(1), Stage = "signed",
                OwnerEmail = "wang@park.gov.cn", PlannedInvestmentWan = 50000m, LandMu = 80.5m, ExpectedOutputWan = 120000m, ExpectedTaxWan = 6000m,
                Source = "referral", TargetNodes = row.TargetNodes, SignedOn = new DateOnly(2025, 3, 18),
            },
            row);
        Assert.Equal([new ChainNodeRef("SEW", "HANG")], row.TargetNodes);
    }

    [Theory]
    [InlineData("lead")]
    [InlineData("contacted")]
    [InlineData("site_visit")]
    [InlineData("negotiation")]
    [InlineData("on_hold")]
    [InlineData("lost")]
    public void Early_and_side_stages_need_no_signing_date_or_investment(string stage)
    {
        var result = Validate(ValidRow(1).With(("stage", stage), ("signed_on", ""), ("planned_investment_wan", ""), ("source", "")));

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Null(result.Rows[0].SignedOn);
        Assert.Null(result.Rows[0].Source);
    }

    [Theory]
    [InlineData("-leading-dash")]
    [InlineData("P 1")]
    [InlineData("项目1")]
    [InlineData("P/1")]
    public void Rejects_project_code_of_the_wrong_shape(string code) => AssertRejected("code", code, "Import.Error.BadProjectCode");

    [Fact]
    public void Rejects_project_code_longer_than_40() => AssertRejected("code", new string('P', 41), "Import.Error.TooLong");

    [Fact]
    public void Rejects_missing_code_and_title()
    {
        AssertRejected("code", "", "Import.Error.Required");
        AssertRejected("title", "", "Import.Error.Required");
    }

    [Fact]
    public void Rejects_duplicate_code_naming_both_lines_ignoring_case()
    {
        var result = Validate(ValidRow(1), ValidRow(2), ValidRow(3).With(("code", "p-2025_001")));

        var problem = AssertSingleProblem(result.Problems, 4, "code", "Import.Error.DuplicateProjectCode");
        Assert.Equal(["p-2025_001", 2], problem.Args);
    }

    [Fact]
    public void Rejects_enterprise_not_in_the_registry() =>
        AssertRejected("enterprise_uscc", UsccTestHelper.Make(3), "Import.Error.UnknownEnterprise");

    [Fact]
    public void Rejects_enterprise_uscc_with_bad_check_character() =>
        AssertRejected("enterprise_uscc", "91310110666007217A", "Import.Error.BadUscc");

    [Theory]
    [InlineData("", "Import.Error.Required")]
    [InlineData("won", "Import.Error.BadChoice")]
    [InlineData("签约", "Import.Error.BadChoice")]
    public void Rejects_missing_or_unknown_stage(string stage, string key) => AssertRejected("stage", stage, key);

    [Fact]
    public void Rejects_unknown_source() => AssertRejected("source", "friend", "Import.Error.BadChoice");

    [Fact]
    public void Rejects_owner_who_is_not_a_user() => AssertRejected("owner_email", "nobody@park.gov.cn", "Import.Error.UnknownUser");

    [Fact]
    public void Rejects_missing_or_malformed_owner_email()
    {
        AssertRejected("owner_email", "", "Import.Error.Required");
        AssertRejected("owner_email", "wang", "Import.Error.BadEmail");
    }

    [Theory]
    [InlineData("signed")]
    [InlineData("started")]
    [InlineData("in_production")]
    public void Rejects_signed_and_later_stages_without_signing_date(string stage) =>
        AssertRejected(ValidRow(2).With(("stage", stage), ("signed_on", "")), "signed_on", "Import.Error.SignedOnRequired");

    [Theory]
    [InlineData("signed")]
    [InlineData("started")]
    [InlineData("in_production")]
    public void Rejects_signed_and_later_stages_without_planned_investment(string stage) =>
        AssertRejected(ValidRow(2).With(("stage", stage), ("planned_investment_wan", "")), "planned_investment_wan", "Import.Error.PlannedInvestmentRequired");

    [Fact]
    public void Rejects_zero_planned_investment_for_a_signed_project() =>
        AssertRejected("planned_investment_wan", "0", "Import.Error.NotPositive");

    [Fact]
    public void Accepts_zero_planned_investment_before_signing()
    {
        var result = Validate(ValidRow(1).With(("stage", "lead"), ("signed_on", ""), ("planned_investment_wan", "0")));

        Assert.True(result.Ok, string.Join("\n", result.Problems));
    }

    [Fact]
    public void Rejects_signing_date_after_today_but_accepts_today()
    {
        AssertRejected("signed_on", "2025-07-01", "Import.Error.DateInFuture");
        Assert.True(Validate(ValidRow(1).With(("signed_on", "2025-06-30"))).Ok);
    }

    [Theory]
    [InlineData("2025/03/18")]
    [InlineData("18.03.2025")]
    [InlineData("2025-3-18")]
    [InlineData("2025-02-30")]
    [InlineData("45734")]
    public void Rejects_signing_date_not_written_yyyy_mm_dd(string date) => AssertRejected("signed_on", date, "Import.Error.BadDate");

    [Fact]
    public void Rejects_signing_date_on_a_project_not_yet_signed() =>
        AssertRejected(ValidRow(2).With(("stage", "negotiation")), "signed_on", "Import.Error.SignedOnNotAllowed");

    [Fact]
    public void Lost_project_may_keep_its_signing_date() => Assert.True(Validate(ValidRow(1).With(("stage", "lost"))).Ok);

    [Theory]
    [InlineData("land_mu")]
    [InlineData("expected_output_wan")]
    [InlineData("expected_tax_wan")]
    [InlineData("planned_investment_wan")]
    public void Rejects_negative_amounts(string column) => AssertRejected(column, "-1", "Import.Error.Negative");

    [Fact]
    public void Rejects_unknown_target_node() => AssertRejected("target_nodes", "SEW:HANG;SEW:GHOST", "Import.Error.UnknownChainNode");

    [Fact]
    public void Reports_every_bad_row_at_once_with_line_numbers()
    {
        var result = Validate(
            ValidRow(1).With(("stage", "signed"), ("signed_on", "")),
            ValidRow(2),
            ValidRow(3).With(("title", "多行\n标题")),
            ValidRow(4).With(("enterprise_uscc", UsccTestHelper.Make(9)), ("source", "tv")),
            ValidRow(2));

        Assert.Equal(
            [
                (2, "signed_on", "Import.Error.SignedOnRequired"),
                (6, "enterprise_uscc", "Import.Error.UnknownEnterprise"), (6, "source", "Import.Error.BadChoice"),
                (7, "code", "Import.Error.DuplicateProjectCode"),
            ],
            result.Problems.Select(p => (p.Line, p.Column, p.Key)));
    }

    [Fact]
    public void Reports_missing_columns_on_line_1()
    {
        var header = ProjectImport.Header.Where(name => name != "signed_on").ToArray();

        var result = ProjectImport.Validate(ReadCsvText(CsvText(header, [ValidRow(1)])), Context);

        AssertSingleProblem(result.Problems, 1, "signed_on", "Import.Error.MissingColumn");
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public void Export_then_import_gives_the_same_projects(string format)
    {
        ProjectFileRow[] exported =
        [
            new()
            {
                Code = "P-001", Title = "年产十万台智能吊挂系统项目", EnterpriseUscc = UsccTestHelper.Make(1), Stage = "in_production",
                OwnerEmail = "wang@park.gov.cn", PlannedInvestmentWan = 50000.50m, LandMu = 80.25m, ExpectedOutputWan = 120000m,
                ExpectedTaxWan = 6000.10m, Source = "resident_office", TargetNodes = [new("SEW", "HANG"), new("SEW", "MOTOR")],
                SignedOn = new DateOnly(2024, 12, 31),
            },
            new() { Code = "lead_2", Title = "线索, \"待跟进\"", EnterpriseUscc = UsccTestHelper.Make(2), Stage = "lead", OwnerEmail = "wang@park.gov.cn" },
        ];

        var rows = exported.Select(ProjectImport.ToCsvRow).ToList();
        var bytes = format == "csv" ? WriteCsv(ProjectImport.Header, rows) : WriteXlsx(ProjectImport.Header, rows, ProjectImport.NumericColumns);
        var result = ProjectImport.Validate(ReadBytes(bytes, "projects." + format), Context);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        for (var i = 0; i < exported.Length; i++)
        {
            var r = result.Rows[i];
            var back = r with { Line = 0, TargetNodes = exported[i].TargetNodes };
            Assert.Equal(exported[i], back);
            Assert.Equal(exported[i].TargetNodes, r.TargetNodes);
        }
    }
}
