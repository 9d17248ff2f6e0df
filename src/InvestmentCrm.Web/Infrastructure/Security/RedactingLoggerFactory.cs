using System.Collections;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Security;

/// <summary>
/// The app's logger factory, masking secret URL segments (<see cref="LogSecrets"/>) in every log line before any
/// provider sees it: the message, its structured values, its scopes and its exception.
/// </summary>
/// <remarks>
/// Why here and not in a middleware: ASP.NET Core logs the path before the first middleware runs ("Request starting
/// HTTP/1.1 GET …/calendar/feed/{token}.ics" from Microsoft.AspNetCore.Hosting.Diagnostics, and its RequestPath scope
/// that every line of the request carries), and again in "Request finished"; our own lines (the rate limiter's
/// refusal) and exceptions may hold it too. Every one of them goes through <see cref="ILoggerFactory"/>, whatever
/// provider (console, JSON with scopes, event log, a test's) writes it, so this is the one place that sees them all.
/// </remarks>
public sealed class RedactingLoggerFactory(ILoggerFactory inner, LogSecrets secrets) : ILoggerFactory
{
    /// <summary>Wraps the factory that logging registered (resolved late, so providers added after this call count too).</summary>
    public static void Replace(IServiceCollection services, LogSecrets secrets)
    {
        services.AddSingleton(secrets);
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(
            new LoggerFactory(
                sp.GetServices<ILoggerProvider>(),
                sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                sp.GetService<IOptions<LoggerFactoryOptions>>(),
                sp.GetService<IExternalScopeProvider>()),
            secrets)));
    }

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), secrets);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner, LogSecrets secrets) : ILogger
    {
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            // Hosting opens one scope per request (RequestId, RequestPath): its values are read, not its ToString.
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return HasSecret(values) ? inner.BeginScope(Redacted(values, state.ToString() ?? "")) : inner.BeginScope(state);
            }

            var text = state.ToString();
            return secrets.IsIn(text) ? inner.BeginScope(secrets.Redact(text!)) : inner.BeginScope(state);
        }

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            var values = state as IReadOnlyList<KeyValuePair<string, object?>>;
            var exceptionText = exception?.ToString();
            if (!secrets.IsIn(message) && !secrets.IsIn(exceptionText) && (values is null || !HasSecret(values)))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var redacted = Redacted(values ?? [], message);
            var safeException = secrets.IsIn(exceptionText) ? new RedactedException(secrets.Redact(exception!.Message), secrets.Redact(exceptionText!)) : exception;
            inner.Log(logLevel, eventId, redacted, safeException, static (s, _) => s.ToString());
        }

        private bool HasSecret(IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            foreach (var (_, value) in values)
            {
                if (MayHold(value) && secrets.IsIn(Text(value)))
                {
                    return true;
                }
            }

            return false;
        }

        private RedactedValues Redacted(IReadOnlyList<KeyValuePair<string, object?>> values, string message) => new(
            [.. values.Select(pair => MayHold(pair.Value) && secrets.IsIn(Text(pair.Value))
                ? new KeyValuePair<string, object?>(pair.Key, secrets.Redact(Text(pair.Value)!))
                : pair)],
            secrets.Redact(message));

        /// <summary>Text, a path or a URI may hold a path; numbers, dates and flags may not.</summary>
        private static bool MayHold(object? value) => value is string || (value is not null and not IConvertible);

        private static string? Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);
    }

    /// <summary>A log state's values and message with the secrets masked; structured providers still get every key.</summary>
    private sealed class RedactedValues(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public KeyValuePair<string, object?> this[int index] => values[index];

        public int Count => values.Count;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }

    /// <summary>Stands in for an exception whose text held a secret: its message and full text (type, stack) masked.</summary>
    private sealed class RedactedException(string message, string text) : Exception(message)
    {
        public override string ToString() => text;
    }
}
