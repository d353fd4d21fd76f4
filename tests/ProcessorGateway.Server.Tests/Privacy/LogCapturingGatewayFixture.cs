using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Privacy;

/// <summary>
/// A gateway that logs everything, at every level and in every category (as an SRE might turn it up during an
/// incident), into memory, and records every activity any source starts, with its tags and events.
/// </summary>
public sealed class LogCapturingGatewayFixture : GatewayFixture, IDisposable
{
    private readonly ActivityListener _listener;

    public LogCapturingGatewayFixture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => Traced.Enqueue(Describe(activity)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Each log entry as its category, formatted message, structured values, scopes and exception.</summary>
    public ConcurrentQueue<string> Logged { get; } = new();

    /// <summary>Each stopped activity as its name, tags, baggage and events.</summary>
    public ConcurrentQueue<string> Traced { get; } = new();

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Grpc"] = "Trace",
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logged));

    public void Dispose() => _listener.Dispose();

    /// <summary>A span as its source, name, status, tags, baggage and events: what a privacy check reads.</summary>
    internal static string Describe(Activity activity) => string.Join(" | ",
        new[] { activity.Source.Name, activity.DisplayName, activity.StatusDescription ?? string.Empty }
            .Concat(activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(activity.Baggage.Select(b => $"{b.Key}={b.Value}"))
            .Concat(activity.Events.SelectMany(e => new[] { e.Name }.Concat(e.Tags.Select(t => $"{t.Key}={t.Value}")))));
}
