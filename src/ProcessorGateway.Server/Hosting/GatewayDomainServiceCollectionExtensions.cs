using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Server.Hosting;

public static class GatewayDomainServiceCollectionExtensions
{
    /// <summary>Core's domain services. They hold no request state, so one instance serves every call.</summary>
    public static IServiceCollection AddGatewayDomain(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<SchemaService>();
        services.TryAddSingleton<TenantService>();
        services.TryAddSingleton<RecordCodec>();
        services.TryAddSingleton<RecordService>();
        services.TryAddSingleton<RecordReader>();
        var backups = configuration.GetSection("Gateway:Backups");
        services.TryAddSingleton(new BackupRetention(
            backups.GetValue("RecordBackupRetention", BackupRetention.Default.RecordBackups),
            backups.GetValue("KeyVaultBackupRetention", BackupRetention.Default.KeyVaultBackups)));
        services.TryAddSingleton<IReplicaInvalidator, LocalReplicaInvalidator>();
        services.TryAddSingleton<ShredService>();
        services.AddHostedService<Jobs.ShredLedgerReconciler>();
        services.AddOptions<Jobs.PurgeOptions>().Bind(configuration.GetSection(Jobs.PurgeOptions.SectionName))
            .Validate(o => o.Delay >= TimeSpan.Zero && o.Interval >= TimeSpan.FromSeconds(1), "Gateway:Purge:Delay must be at least 0 and Gateway:Purge:Interval at least 1 second.")
            .ValidateOnStart();
        services.TryAddSingleton<PurgeService>();
        services.TryAddSingleton<Core.Rotation.KeyRotationService>();
        services.AddOptions<Jobs.KeyRotationOptions>().Bind(configuration.GetSection(Jobs.KeyRotationOptions.SectionName))
            .Validate(o => o.Interval >= TimeSpan.FromMilliseconds(100), "Gateway:KeyRotation:Interval must be at least 100 ms.")
            .ValidateOnStart();
        services.AddHostedService<Jobs.KeyRotationJob>();
        services.AddHostedService<Jobs.ShreddedDataPurger>();
        services.AddHostedService<Jobs.IdempotencyKeyPurger>();
        return services;
    }
}
