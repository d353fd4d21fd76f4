using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Caching;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Server.Redis;

namespace ProcessorGateway.Server.Caching;

public static class MetadataCacheServiceCollectionExtensions
{
    /// <summary>
    /// The metadata cache (<c>Gateway:MetadataCache</c>), with every write to tenants, schemas, clients and purposes
    /// evicting from it on each replica: through Redis when <c>Gateway:Redis:Configuration</c> is set, locally otherwise.
    /// Call after the storage adapters are registered; they are wrapped, not replaced.
    /// </summary>
    public static IServiceCollection AddMetadataCache(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(MetadataCache)))
        {
            return services;
        }

        services.AddOptions<MetadataCacheOptions>().Bind(configuration.GetSection(MetadataCacheOptions.SectionName))
            .Validate(o => o.Lifetime > TimeSpan.Zero && o.Lifetime <= TimeSpan.FromMinutes(5), $"{MetadataCacheOptions.SectionName}:Lifetime must be more than 0 and at most 5 minutes.")
            .Validate(o => o.Capacity >= 1, $"{MetadataCacheOptions.SectionName}:Capacity must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new MetadataCache(
            sp.GetRequiredService<IOptions<MetadataCacheOptions>>().Value, sp.GetRequiredService<IMetadataChannel>(), sp.GetRequiredService<TimeProvider>()));
        if (string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.SectionName}:Configuration"]))
        {
            services.TryAddSingleton<IMetadataChannel, StandaloneMetadataChannel>();
        }
        else
        {
            services.TryAddSingleton<RedisConnection>();
            services.TryAddSingleton<RedisMetadataChannel>();
            services.TryAddSingleton<IMetadataChannel>(sp => sp.GetRequiredService<RedisMetadataChannel>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisMetadataChannel>());
        }

        Decorate<ITenantRepository>(services, (inner, sp) => new InvalidatingTenantRepository(inner, sp.GetRequiredService<MetadataCache>()));
        Decorate<ISchemaRepository>(services, (inner, sp) => new InvalidatingSchemaRepository(inner, sp.GetRequiredService<MetadataCache>()));
        Decorate<IClientRegistry>(services, (inner, sp) => new InvalidatingClientRegistry(inner, sp.GetRequiredService<MetadataCache>()));
        Decorate<IPurposeStore>(services, (inner, sp) => new InvalidatingPurposeStore(inner, sp.GetRequiredService<MetadataCache>()));
        return services;
    }

    private static void Decorate<TService>(IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(TService))
            ?? throw new InvalidOperationException($"register the storage for {typeof(TService).Name} before the metadata cache");
        services.Replace(ServiceDescriptor.Singleton<TService>(sp => decorate((TService)Create(inner, sp), sp)));
    }

    private static object Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
