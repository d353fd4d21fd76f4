using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Offboarding;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Storage.Mongo.Clients;
using ProcessorGateway.Storage.Mongo.Keys;
using ProcessorGateway.Storage.Mongo.Offboarding;
using ProcessorGateway.Storage.Mongo.Records;
using ProcessorGateway.Storage.Mongo.Schemas;
using ProcessorGateway.Storage.Mongo.Shredding;
using ProcessorGateway.Storage.Mongo.Subjects;
using ProcessorGateway.Storage.Mongo.Tenants;

namespace ProcessorGateway.Storage.Mongo;

public static class MongoStorageServiceCollectionExtensions
{
    /// <summary>
    /// MongoDB adapters for every storage port, the shared Data Protection key ring, and index creation
    /// at start-up. Options come from the <c>Gateway:Mongo</c> section and are checked at start-up.
    /// </summary>
    public static IServiceCollection AddMongoStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<MongoStorageOptions>().Bind(configuration.GetSection(MongoStorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MongoStorageOptions>, MongoStorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MongoContext>();
        services.TryAddSingleton<ITenantRepository, MongoTenantRepository>();
        services.TryAddSingleton<ISchemaRepository, MongoSchemaRepository>();
        services.TryAddSingleton<IPurposeStore, MongoPurposeStore>();
        services.TryAddSingleton<IRecordRepository, MongoRecordRepository>();
        services.TryAddSingleton<Core.Retention.IRetentionStore, MongoRetentionStore>();
        services.TryAddSingleton<IIdempotencyStore, MongoIdempotencyStore>();
        services.TryAddSingleton<IKeyVault, MongoKeyVault>();
        services.TryAddSingleton<IClientRegistry, MongoClientRegistry>();
        services.TryAddSingleton<IShredLedger, MongoShredLedger>();
        services.TryAddSingleton<IPurgeLog, MongoPurgeLog>();
        services.TryAddSingleton<ITenantOffboardingStore, MongoTenantOffboardingStore>();
        services.AddHostedService<MongoIndexInitializer>();
        services.AddMongoSubjectStorage();
        services.AddHealthChecks().AddCheck<MongoHealthCheck>("mongodb", tags: ["ready"]);

        services.AddOptions<KeyManagementOptions>().Configure<MongoContext, TimeProvider>((options, context, time) =>
            options.XmlRepository = new MongoXmlRepository(context, time));
        return services;
    }
}
