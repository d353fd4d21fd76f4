using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// The audit log's collection: in the main database unless <c>Audit:ConnectionString</c> or
/// <c>Audit:Database</c> name one of its own. The chains' checkpoints live apart from the events, in the
/// ledger database (<c>Mongo:LedgerDatabase</c>, on <c>Mongo:LedgerConnectionString</c> when set), so
/// whoever can rewrite the events cannot also move the witness with the same access.
/// Majority writes, with the audit store's own timeout.
/// </summary>
public sealed class AuditStore
{
    public const string Events = "audit_events";
    public const string Checkpoints = "audit_checkpoints";

    public AuditStore(IOptions<AuditOptions> audit, IOptions<MongoStorageOptions> mongo)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(mongo);
        var options = audit.Value;
        var storage = mongo.Value;
        var eventsAt = string.IsNullOrWhiteSpace(options.ConnectionString) ? storage.ConnectionString : options.ConnectionString;
        var checkpointsAt = string.IsNullOrWhiteSpace(storage.LedgerConnectionString) ? storage.ConnectionString : storage.LedgerConnectionString;
        var events = Client(eventsAt, options, storage);
        var checkpoints = string.Equals(eventsAt, checkpointsAt, StringComparison.Ordinal) ? events : Client(checkpointsAt, options, storage);
        var writeConcern = storage.MajorityWrites ? WriteConcern.WMajority.With(journal: true) : WriteConcern.Acknowledged;
        var databaseSettings = new MongoDatabaseSettings { WriteConcern = writeConcern, ReadConcern = ReadConcern.Majority };
        Database = events.GetDatabase(string.IsNullOrWhiteSpace(options.Database) ? storage.Database : options.Database, databaseSettings);
        CheckpointDatabase = checkpoints.GetDatabase(storage.LedgerDatabase, databaseSettings);
    }

    public IMongoDatabase Database { get; }

    public IMongoDatabase CheckpointDatabase { get; }

    internal IMongoCollection<AuditCheckpointDocument> CheckpointCollection => CheckpointDatabase.GetCollection<AuditCheckpointDocument>(Checkpoints);

    private static MongoClient Client(string connectionString, AuditOptions options, MongoStorageOptions storage)
    {
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        settings.ServerSelectionTimeout = options.Timeout;
        settings.ConnectTimeout = options.Timeout;
        settings.SocketTimeout = storage.OperationTimeout;
        settings.WaitQueueTimeout = options.Timeout;
        settings.ApplicationName ??= "processorgateway-audit";
        MongoCommandMetrics.Attach(settings);
        return new MongoClient(settings);
    }

    internal IMongoCollection<AuditEventDocument> Collection => Database.GetCollection<AuditEventDocument>(Events);
}
