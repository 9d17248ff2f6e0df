using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace InvestmentCrm.Tests.Support;

/// <summary>One line a logger wrote, with everything a provider could write of it: the message, the structured values,
/// the scopes open around it and the exception.</summary>
public sealed record LogEntry(string Category, LogLevel Level, string Message, string Values, string Scopes, string Exception)
{
    /// <summary>All of it, as any provider (plain, JSON, with scopes) might put it in a file.</summary>
    public string Everything => string.Join('\n', Category, Message, Values, Scopes, Exception);

    public override string ToString() => $"{Level} {Category}: {Message}";
}

/// <summary>A logger provider that keeps every line at every level, with its scopes (it takes the factory's scopes,
/// as the console provider does).</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IEnumerable<string> Messages => Entries.Select(e => $"{e.Level}: {e.Message}");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new StringBuilder();
            capture.scopes.ForEachScope((scope, text) =>
            {
                text.Append(scope).Append('\n');
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    text.AppendJoin('\n', pairs.Select(p => $"{p.Key}={p.Value}")).Append('\n');
                }
            }, scopes);
            var values = state is IEnumerable<KeyValuePair<string, object?>> list ? string.Join('\n', list.Select(p => $"{p.Key}={p.Value}")) : state?.ToString() ?? "";
            capture.Entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), values, scopes.ToString(), exception?.ToString() ?? ""));
        }
    }
}
