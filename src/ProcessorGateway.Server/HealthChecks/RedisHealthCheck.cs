using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProcessorGateway.Server.Redis;

namespace ProcessorGateway.Server.HealthChecks;

/// <summary>
/// Readiness, when Redis is configured: degraded (still serving) while Redis is unreachable. Every
/// replica loses Redis together, and the gateway stays correct without it (cached keys lapse, shreds
/// wait out the lease), so taking every replica out of the Service would turn slowness into an outage.
/// </summary>
internal sealed class RedisHealthCheck(RedisReplicaCoordinator coordinator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(coordinator.IsConnected
            ? HealthCheckResult.Healthy("Redis connected")
            : HealthCheckResult.Degraded("Redis unreachable: no cached keys, shreds wait out the lease length"));
}
