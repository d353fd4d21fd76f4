using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Storage.Mongo.Clients;
using ProcessorGateway.Storage.Mongo.Keys;
using ProcessorGateway.Storage.Mongo.Records;
using ProcessorGateway.Storage.Mongo.Schemas;
using ProcessorGateway.Storage.Mongo.Shredding;
using ProcessorGateway.Storage.Mongo.Tenants;

namespace ProcessorGateway.Storage.Mongo;

/// <summary>The clients and collections, configured once: timeouts everywhere, majority writes when asked.</summary>
public sealed class MongoContext
{
    public const string Tenants = "tenants";
    public const string Schemas = "schemas";
    public const string Purposes = "purposes";
    public const string Records = "records";
    public const string Idempotency = "idempotency_keys";
    public const string Keys = "keys";
    public const string DataProtectionKeys = "dataprotection_keys";
    public const string Clients = "oauth_clients";
    public const string ShredLedger = "shred_ledger";
    public const string PurgeLog = "purge_log";

    public MongoContext(IOptions<MongoStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var main = CreateClient(settings.ConnectionString, settings);
        var vault = string.IsNullOrWhiteSpace(settings.KeyVaultConnectionString) ? main : CreateClient(settings.KeyVaultConnectionString, settings);
        var writeConcern = settings.MajorityWrites ? WriteConcern.WMajority.With(journal: true) : WriteConcern.Acknowledged;
        var databaseSettings = new MongoDatabaseSettings { WriteConcern = writeConcern, ReadConcern = ReadConcern.Majority };
        Database = main.GetDatabase(settings.Database, databaseSettings);
        KeyVaultDatabase = vault.GetDatabase(settings.KeyVaultDatabase, databaseSettings);
        var ledger = string.IsNullOrWhiteSpace(settings.LedgerConnectionString) ? main : CreateClient(settings.LedgerConnectionString, settings);
        LedgerDatabase = ledger.GetDatabase(settings.LedgerDatabase, databaseSettings);
    }

    public IMongoDatabase Database { get; }

    public IMongoDatabase KeyVaultDatabase { get; }

    public IMongoDatabase LedgerDatabase { get; }

    internal IMongoCollection<ShredLedgerDocument> ShredLedgerCollection => LedgerDatabase.GetCollection<ShredLedgerDocument>(ShredLedger);

    internal IMongoCollection<TenantDocument> TenantCollection => Database.GetCollection<TenantDocument>(Tenants);

    internal IMongoCollection<SchemaDocument> SchemaCollection => Database.GetCollection<SchemaDocument>(Schemas);

    internal IMongoCollection<PurposeDocument> PurposeCollection => Database.GetCollection<PurposeDocument>(Purposes);

    internal IMongoCollection<RecordDocument> RecordCollection => Database.GetCollection<RecordDocument>(Records);

    internal IMongoCollection<IdempotencyDocument> IdempotencyCollection => Database.GetCollection<IdempotencyDocument>(Idempotency);

    internal IMongoCollection<PurgeLogDocument> PurgeLogCollection => Database.GetCollection<PurgeLogDocument>(PurgeLog);

    internal IMongoCollection<ClientDocument> ClientCollection => Database.GetCollection<ClientDocument>(Clients);

    internal IMongoCollection<KeyDocument> KeyCollection => KeyVaultDatabase.GetCollection<KeyDocument>(Keys);

    internal IMongoCollection<DataProtectionKeyDocument> DataProtectionKeyCollection =>
        KeyVaultDatabase.GetCollection<DataProtectionKeyDocument>(DataProtectionKeys);

    /// <summary>Answers once a server is reachable; throws otherwise. For readiness checks.</summary>
    public Task PingAsync(CancellationToken cancellationToken) =>
        Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);

    private static MongoClient CreateClient(string connectionString, MongoStorageOptions options)
    {
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        settings.ServerSelectionTimeout = options.ServerSelectionTimeout;
        settings.ConnectTimeout = options.ServerSelectionTimeout;
        settings.SocketTimeout = options.OperationTimeout;
        settings.WaitQueueTimeout = options.ServerSelectionTimeout;
        settings.ApplicationName ??= "processorgateway";
        MongoCommandMetrics.Attach(settings);
        return new MongoClient(settings);
    }
}
