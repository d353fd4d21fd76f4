using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.RateLimiting;

/// <summary>Lockout after three failures, for three seconds, counted in Redis under a prefix of this gateway's own.</summary>
public sealed class LockoutGateway : GatewayFixture
{
    public const int Threshold = 3;

    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    public string RedisPrefix => $"{Database}:lockout:";

    /// <summary>What a second replica of this deployment runs with.</summary>
    public IDictionary<string, string?> ReplicaSettings => Settings();

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:Redis:Configuration"] = TestServers.Redis,
        ["Gateway:Redis:InstanceName"] = Database,
        ["Gateway:RateLimits:Lockout:Threshold"] = Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:RateLimits:Lockout:Window"] = "00:01:00",
        ["Gateway:RateLimits:Lockout:Duration"] = "00:00:03",
    };
}
