using System.Text.Json;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Cli;

namespace InvestmentCrm.Tests.Features.Land;

/// <summary><c>import land FILE</c> and <c>grade --year YYYY [--json]</c> on a temporary SQLite file.</summary>
public sealed class LandCommandTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime, IDisposable
{
    private static readonly string[] Codes = [UsccTestHelper.Make(11), UsccTestHelper.Make(12), UsccTestHelper.Make(13)];
    private readonly TempDirectory folder = new("crm-land-cli");

    public async Task InitializeAsync()
    {
        await LandSamples.EnterpriseAsync(database.Db, Codes[0], "台州甲机械有限公司");
        await LandSamples.EnterpriseAsync(database.Db, Codes[1], "台州乙电子有限公司");
        await LandSamples.EnterpriseAsync(database.Db, Codes[2], "台州丙纺织有限公司");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => folder.Dispose();

    private async Task<string> FileAsync(string name, params string[] lines)
    {
        var path = folder.File(name);
        await File.WriteAllTextAsync(path, LandSamples.Header + "\n" + string.Join("\n", lines) + "\n");
        return path;
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(string culture, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, b => b.Configuration["ConnectionStrings:Default"] = database.ConnectionString, culture);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Import_land_writes_the_records_and_the_same_file_again_changes_nothing()
    {
        var file = await FileAsync("land.csv", $"{Codes[0]},2019,10,1000,100,500,10,50,100", $"{Codes[1]},2019,20,1000,40,,20,20,200");

        var first = await RunAsync("en", "import", "land", file);
        var again = await RunAsync("en", "import", "land", file);

        Assert.Equal((CommandLine.Ok, ""), (first.Code, first.Error));
        Assert.Contains("2 records created, 0 updated, 0 unchanged", first.Out, StringComparison.Ordinal);
        Assert.Equal(CommandLine.Ok, again.Code);
        Assert.Contains("0 records created, 0 updated, 2 unchanged", again.Out, StringComparison.Ordinal);
        Assert.Equal(2, await ChainSamples.CountAsync(database.Db, "LandRecords WHERE Year = 2019"));
    }

    [Fact]
    public async Task A_bad_land_file_exits_2_with_each_problem_and_its_line_in_the_chosen_language()
    {
        var unknown = UsccTestHelper.Make(99);
        var file = await FileAsync("bad.csv", $"{Codes[0]},2018,10,1000,100,,,,", $"{unknown},2018,10,1000,100,,,,", $"{Codes[1]},2018,-1,1000,100,,,,");

        var en = await RunAsync("en", "import", "land", file);
        var zh = await RunAsync("zh-CN", "import", "land", file);

        Assert.Equal((CommandLine.BadInput, ""), (en.Code, en.Out));
        Assert.Contains($"line 3 [uscc]: There is no enterprise with unified social credit code '{unknown}'", en.Error, StringComparison.Ordinal);
        Assert.Contains("line 4 [land_mu]", en.Error, StringComparison.Ordinal);
        Assert.Equal(CommandLine.BadInput, zh.Code);
        Assert.Contains("第 3 行 [uscc]", zh.Error, StringComparison.Ordinal);
        Assert.Contains("有 2 处问题，未导入任何数据", zh.Error, StringComparison.Ordinal);
        Assert.Equal(0, await ChainSamples.CountAsync(database.Db, "LandRecords WHERE Year = 2018"));
    }

    [Fact]
    public async Task Grade_json_lists_name_uscc_indicators_score_and_grade_best_first()
    {
        // The three enterprises of LandGradingTests: scores 2.283, 0.917 and 0.667 (energy missing), grades A, B, B.
        var file = await FileAsync("y2020.csv", $"{Codes[0]},2020,10,1000,100,500,10,50,100", $"{Codes[1]},2020,20,1000,40,,20,20,200", $"{Codes[2]},2020,10,500,10,100,5,0,");
        Assert.Equal(CommandLine.Ok, (await RunAsync("en", "import", "land", file)).Code);

        var (code, stdout, stderr) = await RunAsync("en", "grade", "--year", "2020", "--json");

        Assert.Equal((CommandLine.Ok, ""), (code, stderr));
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(2020, root.GetProperty("year").GetInt32());
        var list = root.GetProperty("enterprises").EnumerateArray().ToList();
        Assert.Equal(Codes, list.Select(e => e.GetProperty("uscc").GetString()));
        Assert.Equal(["A", "B", "B"], list.Select(e => e.GetProperty("grade").GetString()));
        Assert.Equal([2.283m, 0.917m, 0.667m], list.Select(e => e.GetProperty("score").GetDecimal()));
        Assert.Equal("台州甲机械有限公司", list[0].GetProperty("name").GetString());
        var indicators = list[0].GetProperty("indicators");
        Assert.Equal(10m, indicators.GetProperty("taxPerMu").GetDecimal());
        Assert.Equal(100m, indicators.GetProperty("outputPerMu").GetDecimal());
        Assert.Equal(50m, indicators.GetProperty("investmentPerMu").GetDecimal());
        Assert.Equal(0.05m, indicators.GetProperty("rdIntensity").GetDecimal());
        Assert.Equal(JsonValueKind.Null, list[2].GetProperty("indicators").GetProperty("outputPerTce").ValueKind);
        Assert.Equal(0.4m, root.GetProperty("settings").GetProperty("weights").GetProperty("tax").GetDecimal());

        var text = await RunAsync("zh-CN", "grade", "--year", "2020");
        Assert.Equal(CommandLine.Ok, text.Code);
        Assert.Contains("2020 年度亩均效益评价，共 3 家企业", text.Out, StringComparison.Ordinal);
        Assert.Contains($"1\tA\t2.283\t{Codes[0]}\t台州甲机械有限公司", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_for_a_year_without_records_exits_2_with_a_localized_message()
    {
        var en = await RunAsync("en", "grade", "--year", "2001");
        var zh = await RunAsync("zh-CN", "grade", "--year", "2001", "--json");

        Assert.Equal((CommandLine.BadInput, ""), (en.Code, en.Out));
        Assert.Contains("There are no land-efficiency records for 2001", en.Error, StringComparison.Ordinal);
        Assert.Equal((CommandLine.BadInput, ""), (zh.Code, zh.Out));
        Assert.Contains("2001 年没有亩均效益数据", zh.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grade")]
    [InlineData("grade", "--year")]
    [InlineData("grade", "--year", "abc")]
    [InlineData("grade", "2024")]
    public async Task Grade_with_bad_arguments_exits_2(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync("en", args);

        Assert.Equal((CommandLine.BadInput, ""), (code, stdout));
        Assert.NotEmpty(stderr);
    }
}
