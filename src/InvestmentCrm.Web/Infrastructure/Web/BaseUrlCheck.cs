using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>
/// At start-up in Production, says in the log when <c>App:BaseUrl</c> is not set: links in e-mails then use the
/// address the app listens on, which behind a proxy or under a DNS name is not what users open.
/// </summary>
public sealed partial class BaseUrlCheck(IOptions<AppOptions> options, IHostEnvironment environment, ILogger<BaseUrlCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsProduction() && options.Value.BaseUrlGuessed)
        {
            BaseUrlNotSet(logger, options.Value.BaseUrl);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "App:BaseUrl is not set: links in e-mails use {BaseUrl}, the address the app listens on. Set App:BaseUrl (or App__BaseUrl) to the address users open, e.g. https://crm.example.gov.cn, when that differs (a reverse proxy, a DNS name).")]
    private static partial void BaseUrlNotSet(ILogger logger, string baseUrl);
}
