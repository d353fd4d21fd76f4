using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.RateLimiting;

/// <summary>Every rate limit at its default, as a deployment that sets none runs.</summary>
public sealed class DefaultRateLimitGateway : GatewayFixture
{
    protected override IDictionary<string, string?> Settings() => DefaultRateLimits();
}

/// <summary>
/// A token endpoint with small limits: three requests per claimed client id, never refilled during a test, and one
/// secret check at a time with two waiting.
/// </summary>
public sealed class TightTokenLimitGateway : GatewayFixture
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:RateLimits:TokenPerClient:TokenLimit"] = "3",
        ["Gateway:RateLimits:TokenPerClient:TokensPerPeriod"] = "1",
        ["Gateway:RateLimits:TokenPerClient:ReplenishmentPeriod"] = "01:00:00",
        ["Gateway:RateLimits:Pbkdf2Concurrency"] = "1",
        ["Gateway:RateLimits:Pbkdf2QueueLimit"] = "2",
    };
}

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

/// <summary>Twenty gRPC calls per client, refilled only after ten minutes.</summary>
public sealed class GrpcLimitGateway : GatewayFixture
{
    public const int Burst = 20;

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:RateLimits:GrpcPerClient:TokenLimit"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:RateLimits:GrpcPerClient:TokensPerPeriod"] = "1",
        ["Gateway:RateLimits:GrpcPerClient:ReplenishmentPeriod"] = "00:10:00",
    };
}
