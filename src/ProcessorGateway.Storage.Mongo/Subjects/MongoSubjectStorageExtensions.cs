using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcessorGateway.Core.Subjects;

namespace ProcessorGateway.Storage.Mongo.Subjects;

public static class MongoSubjectStorageExtensions
{
    /// <summary>Stores for subject profiles, consents, communication preferences, disclosures and exports, and their indexes at start-up.</summary>
    public static IServiceCollection AddMongoSubjectStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<SubjectCollections>();
        services.TryAddSingleton<ISubjectProfileStore, MongoSubjectProfileStore>();
        services.TryAddSingleton<IConsentStore, MongoConsentStore>();
        services.TryAddSingleton<ICommunicationPreferenceStore, MongoCommunicationPreferenceStore>();
        services.TryAddSingleton<IRecordExportSource, MongoRecordExportSource>();
        services.TryAddSingleton<IDisclosureStore, MongoDisclosureStore>();
        services.AddHostedService<SubjectIndexInitializer>();
        return services;
    }
}
