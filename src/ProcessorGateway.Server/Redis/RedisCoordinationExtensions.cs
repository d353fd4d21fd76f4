using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Shredding;

namespace ProcessorGateway.Server.Redis;

public static class RedisCoordinationExtensions
{
    /// <summary>
    /// With <c>Gateway:Redis:Configuration</c> set, replicas coordinate key invalidation through Redis; without it,
    /// the gateway is one replica that evicts locally (and says so at start-up).
    /// </summary>
    public static IServiceCollection AddRedisCoordination(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>());
        if (string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.SectionName}:Configuration"]))
        {
            services.AddHostedService<StandaloneNotice>();
            return services;
        }

        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<RedisReplicaCoordinator>();
        services.Replace(ServiceDescriptor.Singleton<IReplicaLease>(sp => sp.GetRequiredService<RedisReplicaCoordinator>()));
        services.Replace(ServiceDescriptor.Singleton<IReplicaInvalidator>(sp => sp.GetRequiredService<RedisReplicaCoordinator>()));
        services.AddHostedService(sp => sp.GetRequiredService<RedisReplicaCoordinator>());
        return services;
    }
}
