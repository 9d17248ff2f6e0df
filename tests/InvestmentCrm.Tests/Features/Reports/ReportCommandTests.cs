using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Features.Reports;

/// <summary><c>report brief CODE --out FILE</c> and the batch mode the benchmark uses, on a real SQLite file.</summary>
public sealed class ReportCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory folder = new("crm-report");

    private string DatabasePath => folder.File("app.db");

    public async Task InitializeAsync()
    {
        SystemTools.Require("/usr/bin/chromium", "chromium");
        Assert.Equal(0, (await Support.Cli.RunAsync(DatabasePath, "seed-demo")).ExitCode);
        await BriefSamples.InsertAsync(Db);
    }

    private Db Db => new(new DatabaseOptions
    {
        Provider = DatabaseProvider.Sqlite,
        ConnectionString = SqliteDialect.NormalizeConnectionString($"Data Source={DatabasePath}", folder.Path),
    });

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Report_brief_writes_the_pdf_and_says_where()
    {
        var output = folder.File("brief.pdf");

        var result = await Support.Cli.RunInAsync("zh-CN", DatabasePath, "report", "brief", BriefSamples.Code, "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("brief.pdf", result.Out, StringComparison.Ordinal);
        var text = await PdfTools.TextAsync(output);
        Assert.Contains("招商项目简报", text, StringComparison.Ordinal);
        Assert.Contains(BriefSamples.Title, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_brief_is_in_chinese_whatever_the_command_line_language_unless_culture_chooses()
    {
        var chinese = folder.File("brief-default.pdf");
        var english = folder.File("brief-en.pdf");

        var byDefault = await Support.Cli.RunInAsync("en", DatabasePath, "report", "brief", BriefSamples.Code, "--out", chinese);
        var chosen = await Support.Cli.RunInAsync("zh-CN", DatabasePath, "report", "brief", BriefSamples.Code, "--culture", "en", "--out", english);

        Assert.Equal((0, 0), (byDefault.ExitCode, chosen.ExitCode));
        Assert.Contains("招商项目简报", await PdfTools.TextAsync(chinese), StringComparison.Ordinal);
        Assert.Contains("Prospect brief", await PdfTools.TextAsync(english), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_brief_of_an_unknown_project_fails_with_the_reason_and_writes_nothing()
    {
        var output = folder.File("none.pdf");

        var result = await Support.Cli.RunAsync(DatabasePath, "report", "brief", "NO-SUCH", "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("There is no project NO-SUCH.", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("report", "brief", "JJ-T1")]
    [InlineData("report", "memo", "JJ-T1", "--out", "x.pdf")]
    [InlineData("report", "briefs", "--count", "0", "--out", "x")]
    [InlineData("report", "chain-gaps", "--count", "2")]
    public async Task Report_with_bad_arguments_prints_the_usage(params string[] args)
    {
        var result = await Support.Cli.RunAsync(DatabasePath, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("report brief", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_briefs_prints_a_batch_and_reports_its_speed()
    {
        var output = folder.File("batch");

        var result = await Support.Cli.RunAsync(DatabasePath, "report", "briefs", "--count", "6", "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^6 briefs in \d+\.\d\d s: \d+\.\d per second; first \(cold\) \d+ ms, warm median \d+ ms, p95 \d+ ms", result.Out);
        Assert.Equal(6, Directory.GetFiles(output, "*.pdf").Length);
    }

    [Fact]
    public async Task Report_chain_gaps_prints_a_batch_of_every_chain_in_turn_and_reports_its_speed()
    {
        var output = folder.File("chain-batch");
        var chains = await ChainSamples.CountAsync(Db, "Chains");

        var result = await Support.Cli.RunAsync(DatabasePath, "report", "chain-gaps", "--count", "4", "--out", output, "--culture", "en");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^4 chain-gap reports in \d+\.\d\d s: \d+\.\d per second; first \(cold\) \d+ ms, warm median \d+ ms, p95 \d+ ms", result.Out);
        var files = Directory.GetFiles(output, "*.pdf");
        Assert.Equal(4, files.Length);
        Assert.Equal((int)Math.Min(4, chains), files.Select(f => Path.GetFileName(f)[5..]).Distinct().Count());
    }
}
