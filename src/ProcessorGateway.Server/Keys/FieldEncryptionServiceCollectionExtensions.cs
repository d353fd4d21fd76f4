using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Paging;
using ProcessorGateway.Server.Paging;

using ProcessorGateway.Server.Telemetry;

namespace ProcessorGateway.Server.Keys;

public static class FieldEncryptionServiceCollectionExtensions
{
    /// <summary>
    /// The root of the key hierarchy (Data Protection, its key ring kept in MongoDB by the storage
    /// adapter), the key wrapper, the unwrapped-key cache and page-token protection.
    /// </summary>
    public static IServiceCollection AddFieldEncryption(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // One application name for every replica, so they share the key ring.
        var dataProtection = services.AddDataProtection().SetApplicationName("ProcessorGateway");
        services.AddOptions<KeyRingOptions>().Bind(configuration.GetSection(KeyRingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidator>());
        // Data Protection takes its certificate while services are registered; the section is bound and checked above.
        var keyRing = configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>();
        if (keyRing?.CertificatePath is { Length: > 0 } path && File.Exists(path))
        {
            // The same certificate decrypts: replicas need not install it in a machine store.
            var certificate = CertificateExpiry.Track(CertificateExpiry.KeyRing, X509CertificateLoader.LoadPkcs12FromFile(path, keyRing.CertificatePassword));
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKeyWrapper, DataProtectionKeyWrapper>();
        services.TryAddSingleton<IPageTokenProtector, DataProtectionPageTokenProtector>();
        services.TryAddSingleton<Pager>();
        services.AddOptions<KeyCacheOptions>().Bind(configuration.GetSection(KeyCacheOptions.SectionName))
            .Validate(o => o.Capacity >= 1, $"{KeyCacheOptions.SectionName}:Capacity must be at least 1.")
            .Validate(o => o.Lifetime > TimeSpan.Zero && o.Lifetime <= TimeSpan.FromHours(1), $"{KeyCacheOptions.SectionName}:Lifetime must be more than 0 and at most 1 hour.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<KeyCacheOptions>>().Value);
        services.TryAddSingleton<UnwrappedKeyCache>();
        services.TryAddSingleton<IReplicaLease, StandaloneReplicaLease>();
        services.TryAddSingleton<TenantKeyring>();
        return services;
    }
}
