using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Offboarding;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Server.Keys;
using ProcessorGateway.Server.Records;
using ProcessorGateway.Server.Shredding;

namespace ProcessorGateway.Server.Hosting;

public static class GatewayDomainServiceCollectionExtensions
{
    /// <summary>Core's domain services. They hold no request state, so one instance serves every call.</summary>
    public static IServiceCollection AddGatewayDomain(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<SchemaService>();
        services.TryAddSingleton<PurposeRegistry>();
        services.TryAddSingleton<TenantService>();
        services.TryAddSingleton<RecordCodec>();
        services.TryAddSingleton<RecordService>();
        services.TryAddSingleton<RecordReader>();
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.SectionName))
            .Validate(o => o.RecordBackupRetention > TimeSpan.Zero && o.KeyVaultBackupRetention > TimeSpan.Zero,
                $"{BackupOptions.SectionName}:RecordBackupRetention and {BackupOptions.SectionName}:KeyVaultBackupRetention must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<BackupOptions>>().Value;
            return new BackupRetention(o.RecordBackupRetention, o.KeyVaultBackupRetention);
        });
        services.TryAddSingleton<IReplicaInvalidator, LocalReplicaInvalidator>();
        services.TryAddSingleton<ShredService>();
        services.AddOptions<OffboardingOptions>().Bind(configuration.GetSection(OffboardingOptions.SectionName))
            .Validate(o => o.ApprovalWindow > TimeSpan.Zero && o.ApprovalWindow <= OffboardingSettings.MaxApprovalWindow,
                $"{OffboardingOptions.SectionName}:ApprovalWindow must be more than 0 and at most {OffboardingSettings.MaxApprovalWindow.TotalDays:0} days.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new OffboardingSettings(sp.GetRequiredService<IOptions<OffboardingOptions>>().Value.ApprovalWindow));
        services.TryAddSingleton<TenantOffboardingService>();
        services.AddHostedService<ShredLedgerReconciler>();
        services.AddOptions<PurgeOptions>().Bind(configuration.GetSection(PurgeOptions.SectionName))
            .Validate(o => o.Delay >= TimeSpan.Zero && o.Interval >= TimeSpan.FromSeconds(1),
                $"{PurgeOptions.SectionName}:Delay must be at least 0 and {PurgeOptions.SectionName}:Interval at least 1 second.")
            .ValidateOnStart();
        services.TryAddSingleton<PurgeService>();
        services.TryAddSingleton<Core.Rotation.KeyRotationService>();
        services.AddOptions<KeyRotationOptions>().Bind(configuration.GetSection(KeyRotationOptions.SectionName))
            .Validate(o => o.Interval >= TimeSpan.FromMilliseconds(100), $"{KeyRotationOptions.SectionName}:Interval must be at least 100 ms.")
            .ValidateOnStart();
        services.AddHostedService<KeyRotationJob>();
        services.AddHostedService<ShreddedDataPurger>();
        services.AddHostedService<IdempotencyKeyPurger>();
        return services;
    }
}
