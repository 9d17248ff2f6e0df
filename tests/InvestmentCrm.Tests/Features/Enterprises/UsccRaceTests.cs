using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;
using Microsoft.Data.Sqlite;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>
/// Two saves of the same new USCC at once: the importer or form looked the USCC up, found it free, and before its
/// INSERT another import or user saved it, so the unique index refuses the row. SQLite serializes writers (every
/// transaction is BEGIN IMMEDIATE), so two real imports cannot interleave there; on SQL Server under READ COMMITTED
/// they can. To reproduce the refusal deterministically and without sleeps, a trigger inserts the rival row at
/// exactly that moment, just before our INSERT (or the UPDATE that takes the code), and SQLite answers with its
/// real UNIQUE error (19/2067) from the real statement.
/// </summary>
public sealed class UsccRaceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string RivalName = "并发登记的企业";

    /// <summary>Makes the next INSERT of <paramref name="uscc"/> (or UPDATE to it) meet a rival row with the same code.</summary>
    private static async Task<IAsyncDisposable> RivalSavesAsync(string databasePath, string uscc)
    {
        var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await Execute(connection, $"""
            CREATE TRIGGER RivalInsert BEFORE INSERT ON Enterprises WHEN NEW.Uscc = '{uscc}' AND NEW.Name <> '{RivalName}'
            BEGIN
              INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, CreatedAtUtc, UpdatedAtUtc)
              VALUES (NEW.Uscc, '{RivalName}', '{RivalName}', 'local', NEW.CreatedAtUtc, NEW.CreatedAtUtc);
            END;
            CREATE TRIGGER RivalUpdate BEFORE UPDATE OF Uscc ON Enterprises WHEN NEW.Uscc = '{uscc}' AND OLD.Uscc <> NEW.Uscc
            BEGIN
              INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, CreatedAtUtc, UpdatedAtUtc)
              VALUES (NEW.Uscc, '{RivalName}', '{RivalName}', 'local', NEW.UpdatedAtUtc, NEW.UpdatedAtUtc);
            END;
            """);
        return new Rival(connection);
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Rival(SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Execute(connection, "DROP TRIGGER IF EXISTS RivalInsert; DROP TRIGGER IF EXISTS RivalUpdate;");
            await connection.DisposeAsync();
        }
    }

    private async Task<long> CountAsync(string sql, object? param = null) => await app.Db.ExecuteScalarAsync<long>(sql, param);

    private async Task<(long Enterprises, long Contacts, long Nodes, long Audit)> TotalsAsync() => (
        await CountAsync("SELECT COUNT(*) FROM Enterprises"),
        await CountAsync("SELECT COUNT(*) FROM EnterpriseContacts"),
        await CountAsync("SELECT COUNT(*) FROM EnterpriseNodes"),
        await CountAsync("SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'Enterprise'"));

    [Theory]
    [InlineData("zh-CN", 9301, "第 3 行", "另一次导入或其他用户刚刚保存了统一社会信用代码为", "直接重新导入本文件即可")]
    [InlineData("en", 9311, "Line 3", "Another import or user saved the enterprise with unified social credit code", "simply import the file again")]
    public async Task Upload_losing_a_race_for_a_new_uscc_writes_nothing_says_why_and_the_file_imports_on_a_second_try(
        string culture, int n, string where, string message, string advice)
    {
        using var leader = await app.SignedInAsync("leader@demo.local", culture: culture);
        var raced = UsccTestHelper.Make(n + 1);
        var csv = EnterpriseSamples.Csv(EnterpriseSamples.Row(n), EnterpriseSamples.Row(n + 1), EnterpriseSamples.Row(n + 2));
        var before = await TotalsAsync();

        IDocument refused;
        await using (await RivalSavesAsync(app.DatabasePath, raced))
        {
            refused = await UploadAsync(leader, Encoding.UTF8.GetBytes(csv));
        }

        Assert.Null(refused.QuerySelector("[data-testid=summary]"));
        var problem = refused.QuerySelector("[data-testid=problems] tr[data-line='3']")!;
        Assert.Equal("Import.Error.UsccTakenMeanwhile", problem.GetAttribute("data-problem"));
        Assert.Contains(where, problem.TextContent);
        Assert.Contains(message, problem.TextContent);
        Assert.Contains(raced, problem.TextContent);
        Assert.Contains(advice, problem.TextContent);
        Assert.Single(refused.QuerySelectorAll("[data-testid=problems] tr[data-line]"));
        Assert.Equal(before, await TotalsAsync());
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM Enterprises WHERE Uscc IN (@A, @B, @C)",
            new { A = UsccTestHelper.Make(n), B = raced, C = UsccTestHelper.Make(n + 2) }));

        var again = await UploadAsync(leader, Encoding.UTF8.GetBytes(csv));
        Assert.Equal("3", again.QuerySelector("[data-testid=summary]")!.GetAttribute("data-created"));
    }

    [Fact]
    public async Task Command_line_import_losing_the_race_exits_with_2_and_the_localized_reason_and_writes_nothing()
    {
        using var folder = new TempDirectory("crm-race-cli");
        var dbPath = folder.File("cli.db");
        var chain = folder.File("sew.json");
        await File.WriteAllTextAsync(chain, ChainSamples.SewJson);
        Assert.Equal(0, (await Support.Cli.RunAsync(dbPath, "import", "chain", chain)).ExitCode);
        var file = folder.File("race.csv");
        await File.WriteAllTextAsync(file, EnterpriseSamples.Csv(EnterpriseSamples.Row(9321), EnterpriseSamples.Row(9322)));

        Support.Cli.Result english, chinese;
        await using (await RivalSavesAsync(dbPath, UsccTestHelper.Make(9322)))
        {
            english = await Support.Cli.RunInAsync("en", dbPath, "import", "enterprises", file);
            chinese = await Support.Cli.RunInAsync("zh-CN", dbPath, "import", "enterprises", file);
        }

        Assert.Equal(2, english.ExitCode);
        Assert.Equal("", english.Out);
        Assert.Contains($"Line 3 [uscc]: Another import or user saved the enterprise with unified social credit code '{UsccTestHelper.Make(9322)}' meanwhile", english.Error);
        Assert.Equal(2, chinese.ExitCode);
        Assert.Contains($"第 3 行 [uscc]: 导入期间，另一次导入或其他用户刚刚保存了统一社会信用代码为“{UsccTestHelper.Make(9322)}”的企业", chinese.Error);
        await using var connection = new SqliteConnection($"Data Source={dbPath}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Enterprises";
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);

        var retried = await Support.Cli.RunAsync(dbPath, "import", "enterprises", file);
        Assert.Equal(0, retried.ExitCode);
        Assert.Equal(2L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Theory]
    [InlineData("en", 9331, "Unified social credit code: another user or import registered")]
    [InlineData("zh-CN", 9332, "统一社会信用代码：")]
    public async Task Create_form_losing_the_race_is_shown_again_with_the_input_and_a_message_on_the_uscc_field(string culture, int n, string message)
    {
        using var staff = await app.SignedInAsync("staff1@demo.local", culture: culture);
        var uscc = UsccTestHelper.Make(n);
        var name = "并发新建测试有限公司" + n;
        var before = await TotalsAsync();

        HttpResponseMessage response;
        await using (await RivalSavesAsync(app.DatabasePath, uscc))
        {
            response = await staff.SubmitAsync(await staff.PageAsync("/enterprises/create"), "form[data-testid=enterprise-form]", new Dictionary<string, string>
            {
                ["Form.Uscc"] = uscc,
                ["Form.Name"] = name,
                ["Form.Kind"] = "prospect",
                ["Form.MainProducts"] = "智能裁床",
                ["Form.Contacts[0].Name"] = "周晓明",
            });
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        var fieldError = page.QuerySelector("[data-valmsg-for='Form.Uscc']")!.TextContent;
        Assert.Contains(message, fieldError);
        Assert.Contains(uscc, fieldError);
        Assert.Equal(uscc, ((IHtmlInputElement)page.QuerySelector("input[name='Form.Uscc']")!).Value);
        Assert.Equal(name, ((IHtmlInputElement)page.QuerySelector("input[name='Form.Name']")!).Value);
        Assert.Equal("周晓明", ((IHtmlInputElement)page.QuerySelector("input[name='Form.Contacts[0].Name']")!).Value);
        Assert.Equal("智能裁床", page.QuerySelector("[name='Form.MainProducts']")!.TextContent.Trim());
        Assert.Equal(before, await TotalsAsync());
    }

    [Fact]
    public async Task Edit_form_taking_a_uscc_someone_registers_meanwhile_keeps_the_input_and_changes_nothing()
    {
        var original = UsccTestHelper.Make(9341);
        await app.WithImporterAsync(w => w.ImportCsvAsync(EnterpriseSamples.Csv(EnterpriseSamples.Row(9341))));
        var id = await EnterpriseSamples.IdOfAsync(app.Db, original);
        var wanted = UsccTestHelper.Make(9342);
        using var staff = await app.SignedInAsync("staff1@demo.local");
        var before = await TotalsAsync();

        HttpResponseMessage response;
        await using (await RivalSavesAsync(app.DatabasePath, wanted))
        {
            response = await staff.SubmitAsync(await staff.PageAsync($"/enterprises/{id}/edit"), "form[data-testid=enterprise-form]",
                new Dictionary<string, string> { ["Form.Uscc"] = wanted, ["Form.Employees"] = "321" });
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains($"统一社会信用代码：{wanted} 刚刚被其他用户或导入登记", page.QuerySelector("[data-valmsg-for='Form.Uscc']")!.TextContent);
        Assert.Equal(wanted, ((IHtmlInputElement)page.QuerySelector("input[name='Form.Uscc']")!).Value);
        Assert.Equal("321", ((IHtmlInputElement)page.QuerySelector("input[name='Form.Employees']")!).Value);
        Assert.Equal(before, await TotalsAsync());
        Assert.Equal(original, await app.Db.ExecuteScalarAsync<string>("SELECT Uscc FROM Enterprises WHERE Id = @Id", new { Id = id }));
        Assert.Equal(120L, await CountAsync("SELECT Employees FROM Enterprises WHERE Id = @Id", new { Id = id }));
    }

    private static async Task<IDocument> UploadAsync(TestBrowser browser, byte[] content)
    {
        var page = await browser.PageAsync("/enterprises/import");
        var token = page.QuerySelector("form[data-testid=import-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "race.csv");
        var response = await browser.Client.PostAsync("/enterprises/import", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestBrowser.ParseAsync(response);
    }
}
