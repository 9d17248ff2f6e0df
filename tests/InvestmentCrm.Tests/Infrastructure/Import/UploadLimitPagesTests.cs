using System.Net;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Cli;

namespace InvestmentCrm.Tests.Infrastructure.Import;

/// <summary>The import pages with Import:MaxFileMegabytes = 1 and Import:MaxProblems = 5: an upload over the request
/// limit gets the page's own "too large", sent with a length or without; a file of many bad rows lists five and says
/// how many more. Nothing is written either way.</summary>
public sealed class UploadLimitPagesTests : IClassFixture<UploadLimitPagesTests.LimitedApp>
{
    private readonly LimitedApp app;

    public UploadLimitPagesTests(LimitedApp app) => this.app = app;

    public sealed class LimitedApp : AppFactory
    {
        public LimitedApp()
        {
            Settings["Import:MaxFileMegabytes"] = "1";
            Settings["Import:MaxProblems"] = "5";
        }
    }

    [Theory]
    [InlineData("/chains/import", "chain.json")]
    [InlineData("/enterprises/import", "企业.csv")]
    [InlineData("/projects/import", "项目.xlsx")]
    [InlineData("/land/import", "亩均.csv")]
    public async Task Upload_over_the_request_limit_is_answered_on_its_page_with_too_large(string page, string fileName)
    {
        using var leader = await app.SignedInAsync("leader@demo.local");
        var before = await CountsAsync();

        var response = await PostFileAsync(leader, page, fileName, new byte[3 * 1024 * 1024], knownLength: true);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(page, response.Headers.Location?.OriginalString);
        var answer = await leader.PageAsync(page);
        Assert.Contains("上传的内容超过 1 MB，未被读取", FileError(answer), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal("", FileError(await leader.PageAsync(page))); // said once
    }

    [Fact]
    public async Task Upload_sent_without_a_length_is_stopped_at_the_limit_and_answered_in_english_too()
    {
        using var leader = await app.SignedInAsync("leader@demo.local", culture: "en");

        var response = await PostFileAsync(leader, "/enterprises/import", "big.csv", new byte[2 * 1024 * 1024], knownLength: false);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("The upload is larger than 1 MB and was not read", FileError(await leader.PageAsync("/enterprises/import")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_of_many_bad_rows_lists_the_first_problems_and_says_how_many_more_on_the_page_and_the_command_line()
    {
        var rows = Enumerable.Range(1, 300).Select(i => $"BAD{i},2020,zero,1,1,,,,");
        var csv = System.Text.Encoding.UTF8.GetBytes(LandSamples.Header + "\n" + string.Join("\n", rows) + "\n");
        using var leader = await app.SignedInAsync("leader@demo.local");

        var page = await TestBrowser.ParseAsync(await PostFileAsync(leader, "/land/import", "bad.csv", csv, knownLength: true));

        var problems = page.QuerySelector("[data-testid=problems]")!;
        Assert.Equal(5, problems.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(("300", "600"), (problems.GetAttribute("data-lines"), problems.GetAttribute("data-count")));
        Assert.Contains("有 600 处问题", problems.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("另有 595 个问题未列出。已检查第 2–301 行：共 300 行有问题，合计 600 个问题", page.QuerySelector("[data-testid=more-problems]")!.TextContent, StringComparison.Ordinal);

        using var folder = new TempDirectory("crm-limit-cli");
        var path = folder.File("bad.csv");
        await File.WriteAllBytesAsync(path, csv);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["import", "land", path], stdout, stderr, builder =>
        {
            builder.Configuration["ConnectionStrings:Default"] = $"Data Source={app.DatabasePath}";
            builder.Configuration["Import:MaxProblems"] = "5";
        }, "en");
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(CommandLine.BadInput, code);
        Assert.Equal(7, lines.Length); // the headline, five problems, how many more
        Assert.Contains("has 600 problems", lines[0], StringComparison.Ordinal);
        Assert.Contains("595 more problems are not listed. Lines 2–301 were checked: 300 lines have problems, 600 problems in all", lines[^1], StringComparison.Ordinal);
    }

    private async Task<(long, long, long)> CountsAsync() => (
        await ChainSamples.CountAsync(app.Db, "Enterprises"),
        await ChainSamples.CountAsync(app.Db, "Projects"),
        await ChainSamples.CountAsync(app.Db, "LandRecords"));

    private static string FileError(IDocument page) =>
        string.Join(" ", page.QuerySelectorAll("[data-testid=file-error]").Select(e => e.TextContent.Trim()));

    internal static Task<HttpResponseMessage> PostFileAsync(TestBrowser browser, string page, string fileName, byte[] content, bool knownLength) =>
        UploadRequests.PostFileAsync(browser, page, fileName, new ByteArrayContent(content), knownLength ? Sending.Length : Sending.Chunked);
}
