using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Storage.Mongo.Notifications;

namespace ProcessorGateway.Storage.Mongo.Erasure;

public static class MongoErasureStorageExtensions
{
    /// <summary>MongoDB adapters for erasure requests, holds, rules, calendars, the census, the outbox and channels, with their indexes.</summary>
    public static IServiceCollection AddMongoErasureStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IErasureRequestStore, MongoErasureRequestStore>();
        services.TryAddSingleton<IErasurePolicyStore, MongoErasurePolicyStore>();
        services.TryAddSingleton<IErasureCensus, MongoErasureCensus>();
        services.TryAddSingleton<IErasedStateCensus, MongoErasedStateCensus>();
        services.TryAddSingleton<INotificationOutbox, MongoNotificationOutbox>();
        services.TryAddSingleton<INotificationChannelStore, MongoNotificationChannelStore>();
        services.AddHostedService<ErasureIndexInitializer>();
        return services;
    }
}
