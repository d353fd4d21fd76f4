using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ProcessorGateway.Server.Tests.Privacy;

/// <summary>Writes every entry, with its structured values, scopes and exception, to a queue the test reads.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> entries) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, entries, () => _scopes);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> entries, Func<IExternalScopeProvider> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => scopes().Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { category, formatter(state, exception) };
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                parts.AddRange(values.Select(v => $"{v.Key}={v.Value}"));
            }

            scopes().ForEachScope((scope, list) => list.Add(scope?.ToString() ?? string.Empty), parts);
            if (exception is not null)
            {
                parts.Add(exception.ToString());
            }

            entries.Enqueue(string.Join(" | ", parts));
        }
    }
}
