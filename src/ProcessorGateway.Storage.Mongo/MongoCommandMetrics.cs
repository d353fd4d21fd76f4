using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Events;
using ProcessorGateway.Core.Telemetry;

namespace ProcessorGateway.Storage.Mongo;

/// <summary>
/// Counts every command the gateway sends to MongoDB, and times it, by command and collection: the round
/// trips a call costs and where its storage time goes (docs/benchmarks.md, "End-to-end load"). Tags are command and
/// collection names only, never a filter, a value or a tenant.
/// </summary>
internal static class MongoCommandMetrics
{
    private static readonly Counter<long> Commands = GatewayMeter.Meter.CreateCounter<long>(
        "pg.mongo.commands", "{command}", "Commands sent to MongoDB (round trips), by command and collection");

    // A histogram, so an alert can watch MongoDB's latency quantiles as well as its summed time.
    private static readonly Histogram<double> Duration = GatewayMeter.Meter.CreateHistogram(
        "pg.mongo.command.duration", "s", "Time from sending a MongoDB command to its reply, by command and collection",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Counter<long> Failures = GatewayMeter.Meter.CreateCounter<long>(
        "pg.mongo.command.failures", "{command}", "MongoDB commands that failed (an error reply or a lost connection), by command and collection");

    // Request ids are unique in the process. Commands the driver sends on its own (monitoring, handshakes) are not the gateway's round trips.
    private static readonly HashSet<string> Housekeeping = new(StringComparer.OrdinalIgnoreCase)
    {
        "hello", "isMaster", "buildInfo", "getLastError", "saslStart", "saslContinue", "endSessions", "killCursors",
    };

    private static readonly ConcurrentDictionary<int, (string Command, string Collection)> InFlight = new();

    /// <summary>Subscribes the counters to a client's command events.</summary>
    public static void Attach(MongoClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var configure = settings.ClusterConfigurator;
        settings.ClusterConfigurator = builder =>
        {
            configure?.Invoke(builder);
            builder.Subscribe<CommandStartedEvent>(OnStarted);
            builder.Subscribe<CommandSucceededEvent>(e => OnFinished(e.RequestId, e.Duration));
            builder.Subscribe<CommandFailedEvent>(e =>
            {
                if (OnFinished(e.RequestId, e.Duration) is { } command)
                {
                    Failures.Add(1, new("command", command.Command), new("collection", command.Collection));
                }
            });
        };
    }

    private static void OnStarted(CommandStartedEvent e)
    {
        if (Housekeeping.Contains(e.CommandName))
        {
            return;
        }

        var collection = e.Command.TryGetValue(e.CommandName, out var target) && target is BsonString name ? name.Value : "-";
        InFlight[e.RequestId] = (e.CommandName, collection);
        Commands.Add(1, new("command", e.CommandName), new("collection", collection));
    }

    private static (string Command, string Collection)? OnFinished(int request, TimeSpan duration)
    {
        if (!InFlight.TryRemove(request, out var command))
        {
            return null;
        }

        Duration.Record(duration.TotalSeconds, new("command", command.Command), new("collection", command.Collection));
        return command;
    }
}
