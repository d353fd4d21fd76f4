using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProcessorGateway.Server.HealthChecks;

/// <summary>Readiness: not ready once shutdown has begun, so no new calls are routed here while in-flight ones drain.</summary>
internal sealed class ShutdownHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("shutting down")
            : HealthCheckResult.Healthy());
}
