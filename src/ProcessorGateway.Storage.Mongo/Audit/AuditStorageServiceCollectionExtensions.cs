using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Audit;

namespace ProcessorGateway.Storage.Mongo.Audit;

public static class AuditStorageServiceCollectionExtensions
{
    /// <summary>The audit log in MongoDB (the <c>Gateway:Audit</c> section), with its indexes created at start-up.</summary>
    public static IServiceCollection AddMongoAuditLog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditStore>();
        services.TryAddSingleton<MongoAuditLog>();
        services.TryAddSingleton<IAuditLog>(provider => provider.GetRequiredService<MongoAuditLog>());
        services.TryAddSingleton<IAuditPruning, MongoAuditPruning>();
        services.AddHostedService<AuditIndexInitializer>();
        return services;
    }
}
