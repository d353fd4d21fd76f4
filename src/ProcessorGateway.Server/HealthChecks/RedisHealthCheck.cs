using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProcessorGateway.Server.Redis;

namespace ProcessorGateway.Server.HealthChecks;

/// <summary>
/// Redis, when configured: NOT_SERVING on the <c>redis</c> health service while Redis is unreachable, so an
/// SRE or a dashboard sees it. It is not part of readiness: every replica loses Redis together, and the
/// gateway stays correct without it (cached keys lapse, shreds wait out the lease), so taking every replica
/// out of the Service would turn slowness into an outage.
/// </summary>
internal sealed class RedisHealthCheck(RedisReplicaCoordinator coordinator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(coordinator.IsConnected
            ? HealthCheckResult.Healthy("Redis connected")
            : HealthCheckResult.Unhealthy("Redis unreachable: no cached keys, shreds wait out the lease length"));
}
