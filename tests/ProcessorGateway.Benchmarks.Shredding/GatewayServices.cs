using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Server.Keys;
using ProcessorGateway.Storage.Mongo;

namespace ProcessorGateway.Benchmarks.Shredding;

/// <summary>
/// The gateway's storage adapters and shredding services, wired as one replica without Redis wires them:
/// the public <see cref="MongoStorageServiceCollectionExtensions.AddMongoStorage"/> plus Core's services.
/// The adapters themselves are internal to Storage.Mongo; this reaches them only through Core's ports.
/// </summary>
internal sealed class GatewayServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private GatewayServices(ServiceProvider provider)
    {
        _provider = provider;
        Context = provider.GetRequiredService<MongoContext>();
        Tenants = provider.GetRequiredService<ITenantRepository>();
        Keyring = provider.GetRequiredService<TenantKeyring>();
        Records = provider.GetRequiredService<IRecordRepository>();
        Shredder = provider.GetRequiredService<ShredService>();
    }

    public MongoContext Context { get; }

    public ITenantRepository Tenants { get; }

    public TenantKeyring Keyring { get; }

    public IRecordRepository Records { get; }

    public ShredService Shredder { get; }

    /// <summary>Wires the services against three databases named after <paramref name="database"/>, and creates every index.</summary>
    public static async Task<GatewayServices> StartAsync(string connectionString, string database, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{MongoStorageOptions.SectionName}:ConnectionString"] = connectionString,
            [$"{MongoStorageOptions.SectionName}:Database"] = database,
            [$"{MongoStorageOptions.SectionName}:KeyVaultDatabase"] = $"{database}_keyvault",
            [$"{MongoStorageOptions.SectionName}:LedgerDatabase"] = $"{database}_ledger",

            // Seeding 50,000 records on the development server takes single commands of up to half a minute;
            // the gateway's 10 s bound is for calls, not for bulk loads.
            [$"{MongoStorageOptions.SectionName}:OperationTimeout"] = "00:02:00",
        }).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMongoStorage(configuration);

        // Root keys in memory only: nothing of a benchmark run is written to disk or kept after it.
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddSingleton<IKeyWrapper, DataProtectionKeyWrapper>();
        services.AddSingleton(new KeyCacheOptions());
        services.AddSingleton<UnwrappedKeyCache>();
        services.AddSingleton<IReplicaLease, StandaloneReplicaLease>();
        services.AddSingleton<IReplicaInvalidator, LocalReplicaInvalidator>();
        services.AddSingleton(BackupRetention.Default);
        services.AddSingleton<TenantKeyring>();
        services.AddSingleton<ShredService>();

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            // The hosted services AddMongoStorage registers: the index initializer. The shred and the delete
            // run against the gateway's own indexes, which also cost time on every write and delete.
            foreach (var hosted in provider.GetServices<IHostedService>())
            {
                await hosted.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            return new GatewayServices(provider);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
