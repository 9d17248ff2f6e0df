using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide. With several hosts in one process (the tests) it points at the logger
/// factory of the host configured last; once that host is disposed, any Hangfire component another host creates
/// would throw ObjectDisposedException while asking for a logger. This wrapper drops those log lines instead.
/// </summary>
public sealed class SafeHangfireLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new SafeLog(inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new SafeLog(null);
        }
    }

    private sealed class SafeLog(ILog? log) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (log is null)
            {
                return false;
            }

            try
            {
                return log.Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
