using Grpc.AspNetCore.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProcessorGateway.Server.Redis;

namespace ProcessorGateway.Server.HealthChecks;

public static class GatewayHealthExtensions
{
    /// <summary>
    /// Health checks behind <c>grpc.health.v1</c>: service <c>readiness</c> reflects MongoDB (registered by the
    /// storage adapter), the key ring and shutdown; service <c>liveness</c> only that the process answers;
    /// service <c>redis</c>, when Redis is configured, whether it is reachable (not part of readiness: see
    /// <see cref="RedisHealthCheck"/>). The empty service name reports every check.
    /// </summary>
    public static IServiceCollection AddGatewayHealth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var checks = services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: [HealthTags.Live])
            .AddCheck<KeyRingHealthCheck>("keyring", tags: [HealthTags.Ready])
            .AddCheck<ShutdownHealthCheck>("shutdown", tags: [HealthTags.Ready]);
        if (!string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.SectionName}:Configuration"]))
        {
            checks.AddCheck<RedisHealthCheck>(HealthTags.RedisService, tags: [HealthTags.Dependency]);
        }

        services.Configure<GrpcHealthChecksOptions>(o =>
        {
            o.Services.Map(HealthTags.ReadinessService, r => r.Tags.Contains(HealthTags.Ready));
            o.Services.Map(HealthTags.LivenessService, r => r.Tags.Contains(HealthTags.Live));
            o.Services.Map(HealthTags.RedisService, r => r.Name == HealthTags.RedisService);
        });
        return services;
    }
}
