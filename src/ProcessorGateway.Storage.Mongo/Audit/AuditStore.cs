using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// The audit log's collection: in the main database unless <c>Gateway:Audit:ConnectionString</c> or
/// <c>Gateway:Audit:Database</c> name one of its own. The chains' checkpoints and prune points live apart from the events, in the
/// ledger database (<see cref="MongoContext.LedgerDatabase"/>: <c>Gateway:Mongo:LedgerDatabase</c>, on <c>Gateway:Mongo:LedgerConnectionString</c> when set), so
/// whoever can rewrite the events cannot also move the witness with the same access.
/// Majority writes, with the audit store's own timeout.
/// </summary>
public sealed class AuditStore
{
    /// <summary>The chains, a document per group commit (<see cref="AuditBlockDocument"/>).</summary>
    public const string Blocks = "audit_blocks";
    public const string Checkpoints = "audit_checkpoints";

    /// <summary>Each tenant's own audit retention, where it has one (<see cref="AuditRetentionDocument"/>).</summary>
    public const string Retention = "audit_retention";

    /// <summary>Where each chain was pruned (<see cref="AuditPrunePointDocument"/>), beside the checkpoints.</summary>
    public const string PrunePoints = "audit_prune_points";

    public AuditStore(IOptions<AuditOptions> audit, IOptions<MongoStorageOptions> mongo, MongoContext context)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(mongo);
        ArgumentNullException.ThrowIfNull(context);
        var options = audit.Value;
        var storage = mongo.Value;
        var settings = MongoClientSettings.FromConnectionString(
            string.IsNullOrWhiteSpace(options.ConnectionString) ? storage.ConnectionString : options.ConnectionString);
        settings.ServerSelectionTimeout = options.Timeout;
        settings.ConnectTimeout = options.Timeout;
        settings.SocketTimeout = storage.OperationTimeout;
        settings.WaitQueueTimeout = options.Timeout;
        settings.ApplicationName ??= "processorgateway-audit";
        MongoCommandMetrics.Attach(settings);
        var writeConcern = storage.MajorityWrites ? WriteConcern.WMajority.With(journal: true) : WriteConcern.Acknowledged;
        Database = new MongoClient(settings).GetDatabase(
            string.IsNullOrWhiteSpace(options.Database) ? storage.Database : options.Database,
            new MongoDatabaseSettings { WriteConcern = writeConcern, ReadConcern = ReadConcern.Majority });
        CheckpointCollection = context.LedgerDatabase.GetCollection<AuditCheckpointDocument>(Checkpoints);
        PrunePointCollection = context.LedgerDatabase.GetCollection<AuditPrunePointDocument>(PrunePoints);
    }

    public IMongoDatabase Database { get; }

    internal IMongoCollection<AuditCheckpointDocument> CheckpointCollection { get; }

    internal IMongoCollection<AuditPrunePointDocument> PrunePointCollection { get; }

    internal IMongoCollection<AuditBlockDocument> Collection => Database.GetCollection<AuditBlockDocument>(Blocks);

    internal IMongoCollection<AuditRetentionDocument> RetentionCollection => Database.GetCollection<AuditRetentionDocument>(Retention);
}
