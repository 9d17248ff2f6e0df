using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Tests.Infrastructure.Web;

/// <summary>
/// <c>App:BaseUrl</c>, the address in e-mail links: when not set it follows the address the app is started with
/// (digests once linked to localhost:5000 whatever <c>URLS</c> said), and a Production start without it says so in
/// the log. Each case builds the app's own host, with the app's own services and configuration sources.
/// </summary>
public sealed class BaseUrlTests : IDisposable
{
    private readonly Support.TempDirectory folder = new("crm-baseurl");

    public void Dispose() => folder.Dispose();

    public static TheoryData<string[], string> StartedWith => new()
    {
        { ["--urls=http://127.0.0.1:5123"], "http://127.0.0.1:5123" },
        { ["--urls=http://0.0.0.0:8080"], $"http://{Environment.MachineName.ToLowerInvariant()}:8080" },
        { ["--urls=http://127.0.0.1:5000;https://crm.local:5001"], "https://crm.local:5001" },
        { ["--Kestrel:Endpoints:Web:Url=http://10.0.0.5:8000", "--urls=http://127.0.0.1:9"], "http://10.0.0.5:8000" },
        { ["--urls=http://127.0.0.1:5123", "--App:BaseUrl=https://crm.example.gov.cn/"], "https://crm.example.gov.cn/" },
        { [], "http://localhost:5000" },
    };

    [Theory]
    [MemberData(nameof(StartedWith))]
    public async Task An_unset_base_url_follows_the_address_the_app_listens_on(string[] args, string expected)
    {
        await using var app = Build("Development", args);

        Assert.Equal(expected, app.Services.GetRequiredService<IOptions<AppOptions>>().Value.BaseUrl);
    }

    [Fact]
    public async Task A_base_url_that_is_not_an_absolute_http_address_stops_the_start_naming_the_setting()
    {
        await using var app = Build("Development", ["--App:BaseUrl=crm.example.gov.cn"]);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<AppOptions>>().Value);
        Assert.Contains("App:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", new[] { "--urls=http://0.0.0.0:8080" }, true)]
    [InlineData("Production", new[] { "--urls=http://0.0.0.0:8080", "--App:BaseUrl=https://crm.example.gov.cn" }, false)]
    [InlineData("Development", new[] { "--urls=http://0.0.0.0:8080" }, false)]
    public async Task A_production_start_without_a_base_url_warns_in_the_log(string environment, string[] args, bool warns)
    {
        var logs = new LogCapture();
        await using var app = Build(environment, args, logs);

        foreach (var service in app.Services.GetServices<IHostedService>().OfType<BaseUrlCheck>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        var warning = logs.Messages.Where(m => m.Contains("App:BaseUrl is not set", StringComparison.Ordinal)).ToList();
        Assert.Equal(warns ? 1 : 0, warning.Count);
        if (warns)
        {
            Assert.Contains($"http://{Environment.MachineName.ToLowerInvariant()}:8080", warning[0], StringComparison.Ordinal);
        }
    }

    private WebApplication Build(string environment, string[] args, ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = environment,
            ContentRootPath = AppHost.FindContentRoot(),
        });
        builder.Configuration["ConnectionStrings:Default"] = $"Data Source={folder.File("app.db")}";
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        AppHost.AddServices(builder);
        return builder.Build();
    }
}
