using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// The audit log's collection: in the main database unless <c>Audit:ConnectionString</c> or
/// <c>Audit:Database</c> name one of its own. Majority writes, with the audit store's own timeout.
/// </summary>
public sealed class AuditStore
{
    public const string Events = "audit_events";

    public AuditStore(IOptions<AuditOptions> audit, IOptions<MongoStorageOptions> mongo)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(mongo);
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
    }

    public IMongoDatabase Database { get; }

    internal IMongoCollection<AuditEventDocument> Collection => Database.GetCollection<AuditEventDocument>(Events);
}
