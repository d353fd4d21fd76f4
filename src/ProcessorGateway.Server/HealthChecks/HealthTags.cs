namespace ProcessorGateway.Server.HealthChecks;

/// <summary>
/// Health check tags and the <c>grpc.health.v1</c> service names the kubelet's probes ask for. Liveness
/// depends on nothing outside the process: a MongoDB outage must take a replica out of the Service,
/// never restart it.
/// </summary>
public static class HealthTags
{
    /// <summary>Tag of checks that decide whether this replica should receive calls.</summary>
    public const string Ready = "ready";

    /// <summary>Tag of checks that decide whether this process must be restarted.</summary>
    public const string Live = "live";

    /// <summary>Tag of checks on a dependency the gateway keeps serving without (Redis).</summary>
    public const string Dependency = "dependency";

    /// <summary>The <c>service</c> that says whether Redis is reachable; no probe asks for it.</summary>
    public const string RedisService = "redis";

    /// <summary>The probe's <c>service</c> for readiness.</summary>
    public const string ReadinessService = "readiness";

    /// <summary>The probe's <c>service</c> for liveness and start-up.</summary>
    public const string LivenessService = "liveness";
}
