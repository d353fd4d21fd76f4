using System.Diagnostics.Metrics;
using ProcessorGateway.Core.Telemetry;

namespace ProcessorGateway.Server.Redis;

/// <summary>
/// What an SRE alerts on about Redis: <c>pg.redis.connected</c> (1 while a replica's connection is up) and
/// <c>pg.shred.lease_waits</c>, the shreds whose reply waited out the lease length because a replica did not
/// acknowledge the eviction or Redis could not be reached, by <c>cause</c>.
/// </summary>
internal static class RedisMetrics
{
    public const string SilentReplica = "silent_replica";
    public const string RedisUnreachable = "redis_unreachable";

    private static readonly Counter<long> LeaseWaits = GatewayMeter.Meter.CreateCounter<long>(
        "pg.shred.lease_waits", "{shred}", "Shreds that waited out the replica lease length, by cause (silent_replica, redis_unreachable)");

    public static void LeaseWait(string cause) => LeaseWaits.Add(1, new KeyValuePair<string, object?>("cause", cause));

    /// <summary>One gauge per coordinator: the meter is process-wide, and a test process runs many gateways.</summary>
    public static ObservableGauge<int> ConnectedGauge(Func<bool> isConnected) =>
        GatewayMeter.Meter.CreateObservableGauge("pg.redis.connected", () => isConnected() ? 1 : 0, "{connection}",
            "1 while this replica's connection to Redis is up, else 0");
}
