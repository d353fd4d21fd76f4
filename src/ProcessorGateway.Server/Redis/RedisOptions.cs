using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Redis;

/// <summary>Bound from <c>Gateway:Redis</c> (<c>Gateway__Redis__Configuration</c>). Without it the gateway is correct as one replica only.</summary>
public sealed class RedisOptions
{
    public const string SectionName = GatewaySections.Redis;

    /// <summary>StackExchange.Redis configuration, e.g. <c>redis:6379,password=…</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// Prefix of every Redis key and channel: the replicas of one deployment share it, and deployments
    /// sharing a Redis never see each other's registrations or invalidations.
    /// </summary>
    public string InstanceName { get; set; } = "processorgateway";

    /// <summary>
    /// How long a replica may use cached keys after a renewal. A shred that finds a replica silent waits
    /// this long before replying, so keep it short; renewals run every third of it.
    /// </summary>
    public TimeSpan LeaseLength { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a shred waits for replicas to acknowledge an eviction before revoking the silent ones.</summary>
    public TimeSpan AcknowledgementTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
