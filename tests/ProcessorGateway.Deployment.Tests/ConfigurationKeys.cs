using System.Reflection;
using ProcessorGateway.Core.Caching;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Server.Auth;
using ProcessorGateway.Server.Erasure;
using ProcessorGateway.Server.Hosting;
using ProcessorGateway.Server.Keys;
using ProcessorGateway.Server.Redis;
using ProcessorGateway.Server.Shredding;
using ProcessorGateway.Server.Telemetry;
using ProcessorGateway.Storage.Mongo;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Deployment.Tests;

/// <summary>
/// The environment variable names the gateway reads, derived from its options classes, so a typo in a manifest, or a
/// setting left at a top-level section that moved under <c>Gateway</c>, fails a test.
/// </summary>
public static class ConfigurationKeys
{
    private static readonly (string Section, Type Options)[] Sections =
    [
        (MongoStorageOptions.SectionName, typeof(MongoStorageOptions)),
        (RedisOptions.SectionName, typeof(RedisOptions)),
        (GatewayListenOptions.SectionName, typeof(GatewayListenOptions)),
        (GatewayAuthOptions.SectionName, typeof(GatewayAuthOptions)),
        (KeyRingOptions.SectionName, typeof(KeyRingOptions)),
        (MetricsOptions.SectionName, typeof(MetricsOptions)),
        (ShutdownOptions.SectionName, typeof(ShutdownOptions)),
        (AuditOptions.SectionName, typeof(AuditOptions)),
        (KeyCacheOptions.SectionName, typeof(KeyCacheOptions)),
        (MetadataCacheOptions.SectionName, typeof(MetadataCacheOptions)),
        (BackupOptions.SectionName, typeof(BackupOptions)),
        (ErasureOptions.SectionName, typeof(ErasureOptions)),
        (NotificationOptions.SectionName, typeof(NotificationOptions)),
        (PurgeOptions.SectionName, typeof(PurgeOptions)),
        (KeyRotationOptions.SectionName, typeof(KeyRotationOptions)),
    ];

    // Read by the framework itself, not by an options class of ours.
    private static readonly string[] FrameworkKeys =
    [
        "ASPNETCORE_ENVIRONMENT", "DOTNET_gcServer",
        "Logging__Console__FormatterName", "Logging__Console__FormatterOptions__UseUtcTimestamp", "Logging__Console__FormatterOptions__IncludeScopes",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
    ];

    private static readonly Lazy<HashSet<string>> Known = new(() =>
    {
        var keys = new HashSet<string>(FrameworkKeys, StringComparer.Ordinal);
        foreach (var (section, options) in Sections)
        {
            Add(keys, section.Replace(":", "__", StringComparison.Ordinal), options);
        }

        return keys;
    });

    public static bool IsKnown(string environmentVariable) => Known.Value.Contains(environmentVariable);

    private static void Add(HashSet<string> keys, string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var name = $"{prefix}__{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType.IsClass && propertyType != typeof(string) && propertyType != typeof(Uri))
            {
                Add(keys, name, propertyType);
            }
            else
            {
                keys.Add(name);
            }
        }
    }
}
