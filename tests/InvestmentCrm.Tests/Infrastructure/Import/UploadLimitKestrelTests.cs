using System.Net;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Infrastructure.Import;

/// <summary>The same limit on a real Kestrel port, where the server's own request-size limit applies as well (the
/// in-memory test server has none): a 3 MB upload against a 1 MB limit, with and without a length, is answered on
/// its page with "too large", not 413 or the 500 page.</summary>
public sealed class UploadLimitKestrelTests : IClassFixture<UploadLimitKestrelTests.KestrelApp>
{
    private readonly KestrelApp app;

    public UploadLimitKestrelTests(KestrelApp app) => this.app = app;

    public sealed class KestrelApp : AppFactory
    {
        public KestrelApp()
        {
            Settings["Import:MaxFileMegabytes"] = "1";
            UseKestrel(0);
            StartServer();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Upload_over_the_limit_on_kestrel_is_answered_on_its_page(bool knownLength)
    {
        // Seeding on start runs beside the server; running it again waits for the demo users (and changes nothing).
        await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        // A client of its own on the real port: redirects not followed, cookies kept.
        using var leader = new TestBrowser(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = app.ClientOptions.BaseAddress,
        });
        Assert.Equal(HttpStatusCode.Redirect, (await leader.LoginAsync("leader@demo.local", DemoSeeder.Password)).StatusCode);
        Assert.NotEqual("localhost", leader.Client.BaseAddress?.Host);

        var response = await UploadLimitPagesTests.PostFileAsync(leader, "/projects/import", "big.csv", new byte[3 * 1024 * 1024], knownLength);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await leader.PageAsync("/projects/import");
        Assert.Contains("上传的内容超过 1 MB，未被读取", page.QuerySelector("[data-testid=file-error]")?.TextContent ?? "", StringComparison.Ordinal);
    }
}
