using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProcessorGateway.Storage.Mongo;

/// <summary>Readiness: MongoDB answers a ping within the server-selection timeout.</summary>
internal sealed class MongoHealthCheck(MongoContext context) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext healthContext, CancellationToken cancellationToken = default)
    {
        try
        {
            await context.PingAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("MongoDB answers");
        }
        catch (Exception e) when (MongoErrors.IsOutage(e) || e is MongoDB.Driver.MongoException)
        {
            // The exception type names the failure; its message may name hosts, which stay in the logs.
            return HealthCheckResult.Unhealthy($"MongoDB unreachable ({e.GetType().Name})");
        }
    }
}
