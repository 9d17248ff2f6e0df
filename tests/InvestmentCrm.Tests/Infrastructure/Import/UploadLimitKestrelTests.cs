using System.Globalization;
using System.Net;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Infrastructure.Import;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static InvestmentCrm.Tests.Features.Attachments.AttachmentSamples;

namespace InvestmentCrm.Tests.Infrastructure.Import;

/// <summary>The upload limit on a real Kestrel port (1 MB for imports and attachments), where the server's own request
/// limit applies and a connection closed with unread data is reset by the system, which can take the answer with it.
/// An upload over the limit sent as a browser sends it (the whole body, then the answer read) is read to its end
/// within the drain allowance, so the answer reliably arrives on a connection that stays open; a client that waits
/// for "100 Continue" is answered without sending its body; a body past the allowance is not read to its end.</summary>
public sealed class UploadLimitKestrelTests(UploadLimitKestrelTests.KestrelApp app) : IClassFixture<UploadLimitKestrelTests.KestrelApp>
{
    private const int Megabyte = 1024 * 1024;

    // Over the limit, within the allowance, and more than the system's buffers hold: answered without reading it, as
    // before the drain, the client's write failed with a broken pipe every time here (a 3 MB body, now and then).
    private const int WithinAllowance = 12 * Megabyte;
    private const string TooLarge = "上传的内容超过 1 MB，未被读取";
    private static readonly long Limit = new ImportLimits { MaxFileMegabytes = 1 }.MaxRequestBytes;

    public sealed class KestrelApp : AppFactory
    {
        public KestrelApp()
        {
            Settings["Import:MaxFileMegabytes"] = "1";
            Settings["Attachments:MaxFileMegabytes"] = "1";
            UseKestrel(0);
            StartServer();
        }

        public LogCapture Log { get; } = new();

        /// <summary>What the upload filter logged of each refusal: its values by name.</summary>
        public IReadOnlyList<IReadOnlyDictionary<string, string>> Refusals =>
            [.. Log.Entries.Where(e => e.Category == typeof(UploadLimitAttribute).FullName && e.Level == LogLevel.Warning)
                .Select(e => e.Values.Split('\n').Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1], StringComparer.Ordinal))];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Log));
        }
    }

    [Theory]
    [InlineData(Sending.Length)]
    [InlineData(Sending.Chunked)]
    public async Task Upload_over_the_limit_sent_as_a_browser_sends_it_is_read_to_its_end_and_answered_on_its_page(Sending how)
    {
        using var leader = await SignedInAsync("leader@demo.local");
        var file = new ZeroFile(WithinAllowance);
        var before = app.Refusals.Count;

        var response = await UploadRequests.PostFileAsync(leader, "/projects/import", "big.csv", new StreamContent(file), how);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual(true, response.Headers.ConnectionClose); // nothing left unread: the connection may stay open
        Assert.Equal(file.Length, file.Taken);
        var refusal = await RefusalAfterAsync(before);
        Assert.Equal("the whole body", refusal["Connection"]);
        Assert.True(long.Parse(refusal["Read"], CultureInfo.InvariantCulture) > file.Length, "the whole body read, form around the file included");
        Assert.Contains(TooLarge, FileError(await leader.PageAsync("/projects/import")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_encoded_post_over_the_limit_is_refused_though_kestrel_would_read_more_for_the_drain()
    {
        using var leader = await SignedInAsync("leader@demo.local");
        // The url-encoded form reader has no overall limit; only a value limit (4 MB) that this stays under.
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", await UploadRequests.TokenAsync(leader, "/projects/import")), new("file", new string('a', 3 * Megabyte))]);

        var response = await UploadRequests.SendAsync(leader, "/projects/import", form, Sending.Chunked);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(TooLarge, FileError(await leader.PageAsync("/projects/import")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachment_over_the_limit_sent_as_a_browser_sends_it_is_answered_on_its_page()
    {
        using var staff1 = await SignedInAsync("staff1@demo.local");
        var enterprise = await app.Db.ExecuteScalarAsync<long>("SELECT MIN(Id) FROM Enterprises");

        var response = await PostAsync(staff1, await staff1.PageAsync($"/enterprises/{enterprise}"), "scan.pdf", Pdf(WithinAllowance));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual(true, response.Headers.ConnectionClose);
        Assert.Contains("上传的文件超过 1 MB，未被读取，也未保存。", FileError(await staff1.FollowAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_over_the_limit_from_a_client_that_waits_for_continue_is_refused_without_its_body()
    {
        // HttpClient sends the body anyway when no answer has come within a second; this client waits for it,
        // however loaded the machine, as a client that means to wait does.
        using var leader = await SignedInAsync("leader@demo.local", TimeSpan.FromMinutes(5));
        var file = new ZeroFile(3 * Megabyte);
        var before = app.Refusals.Count;

        var response = await UploadRequests.PostFileAsync(leader, "/projects/import", "big.csv", new StreamContent(file), Sending.LengthAfterContinue);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose);
        Assert.Equal(0, file.Taken);
        var refusal = await RefusalAfterAsync(before);
        Assert.Equal((0L, "the connection closed"), (long.Parse(refusal["Read"], CultureInfo.InvariantCulture), refusal["Connection"]));
        Assert.Contains(TooLarge, FileError(await leader.PageAsync("/projects/import")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Sending.Length)]
    [InlineData(Sending.Chunked)]
    public async Task Upload_far_past_the_drain_allowance_is_refused_without_being_read_to_its_end(Sending how)
    {
        using var leader = await SignedInAsync("leader@demo.local");
        var file = new ZeroFile(Limit + UploadBody.DrainAllowanceBytes + (96L * Megabyte));
        var before = app.Refusals.Count;

        HttpResponseMessage? response = null;
        try
        {
            response = await UploadRequests.PostFileAsync(leader, "/projects/import", "huge.csv", new StreamContent(file), how);
        }
        catch (HttpRequestException)
        {
            // The connection closed with the client still sending: the answer may be lost. That is the price of not
            // reading a body this large, and what the allowance spares one that is only somewhat over the limit.
        }

        var refusal = await RefusalAfterAsync(before);
        Assert.Equal("the connection closed", refusal["Connection"]);
        Assert.InRange(long.Parse(refusal["Read"], CultureInfo.InvariantCulture), how == Sending.Length ? 0 : Limit, Limit + UploadBody.DrainAllowanceBytes + 1);
        Assert.True(file.Taken < file.Length, $"the client sent {file.Taken:N0} of {file.Length:N0} bytes");
        if (response is not null)
        {
            Assert.Equal((HttpStatusCode.Redirect, true), (response.StatusCode, response.Headers.ConnectionClose));
        }
    }

    /// <summary>A client of its own on the real port (redirects not followed, cookies kept), signed in.</summary>
    private async Task<TestBrowser> SignedInAsync(string email, TimeSpan? expectContinueTimeout = null)
    {
        // Seeding on start runs beside the server; running it again waits for the demo users (and changes nothing).
        await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true };
        if (expectContinueTimeout is { } timeout)
        {
            handler.Expect100ContinueTimeout = timeout;
        }

        var browser = new TestBrowser(new HttpClient(handler) { BaseAddress = app.ClientOptions.BaseAddress });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(email, DemoSeeder.Password)).StatusCode);
        Assert.NotEqual("localhost", browser.Client.BaseAddress?.Host);
        return browser;
    }

    /// <summary>The refusal logged after the first <paramref name="before"/>: it is logged before the answer is
    /// sent, but a client whose connection was reset may get there first.</summary>
    private async Task<IReadOnlyDictionary<string, string>> RefusalAfterAsync(int before)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (app.Refusals.Count <= before)
        {
            await Task.Delay(20, deadline.Token);
        }

        return Assert.Single(app.Refusals.Skip(before));
    }

    private static string FileError(AngleSharp.Dom.IDocument page) => page.QuerySelector("[data-testid=file-error]")?.TextContent ?? "";
}
