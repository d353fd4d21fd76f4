using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Paging;
using ProcessorGateway.Storage.Mongo.Audit;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Storage.Mongo.Tests.Audit;

/// <summary>
/// An audit store on the test MongoDB in a database of its own, with its indexes. Each
/// <see cref="NewReplica"/> is a log with its own client and its own writers, as a gateway replica has.
/// </summary>
public sealed class AuditStorage : IAsyncLifetime
{
    private readonly List<IDisposable> _replicas = [];

    public string Database { get; } = TestServers.DatabaseFor(typeof(AuditStorage));

    public IMongoCollection<BsonDocument> RawBlocks => RawCollection(AuditStore.Blocks);

    /// <summary>
    /// Edits one event of a block as someone with write access could: the whole block read, changed and
    /// replaced (the development server takes no array index in an update path).
    /// </summary>
    public async Task EditEventAsync(FilterDefinition<BsonDocument> block, int index, Action<BsonDocument> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var stored = await RawBlocks.Find(block).SingleAsync().Within();
        edit(stored["e"].AsBsonArray[index].AsBsonDocument);
        await RawBlocks.ReplaceOneAsync(block, stored).Within();
    }

    public IMongoCollection<BsonDocument> RawCollection(string name) =>
        new MongoClient(TestServers.MongoConnectionString).GetDatabase(Database).GetCollection<BsonDocument>(name);

    public Task InitializeAsync() => AuditIndexInitializer.CreateAllAsync(Store(), CancellationToken.None).WaitAsync(TestTimeout.Default);

    public IAuditLog NewReplica(int maxBatchSize = 256, TimeSpan groupCommitWindow = default)
    {
        var log = new MongoAuditLog(Store(), Options.Create(new AuditOptions { MaxBatchSize = maxBatchSize, GroupCommitWindow = groupCommitWindow }));
        lock (_replicas)
        {
            _replicas.Add(log);
        }

        return log;
    }

    /// <summary>A replica past its start-up (the migration of events from before blocks done), so appends queue at once, in call order.</summary>
    public async Task<IAuditLog> NewStartedReplicaAsync(TimeSpan groupCommitWindow = default)
    {
        var log = (MongoAuditLog)NewReplica(groupCommitWindow: groupCommitWindow);
        await log.MigrateLegacyEventsAsync().Within();
        return log;
    }

    /// <summary>A reader for verifications and subject histories (<see cref="NoPageTokens"/>).</summary>
    public static AuditReader Reader(IAuditLog log) => new(log, new Pager(NoPageTokens.Instance), new AuditSubjects(NoSubjectKeys.Instance));

    /// <summary>A page of one chain's events, straight from the log: what the reader's paged query asks the storage for.</summary>
    public static Task<AuditPage> QueryAsync(
        IAuditLog log, string chain, string? subject = null, string? record = null, string? actor = null, string? purpose = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, int pageSize = Pager.DefaultPageSize, long? after = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.QueryAsync(new AuditQuery(chain, subject, record, actor, purpose, from, to, pageSize, after ?? 0), CancellationToken.None).Within();
    }

    public static AuditEntry Entry(string tenantId, string actor = "client-1", string action = "RecordService.GetRecord", string? record = null, string? subject = null) =>
        new(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, actor, tenantId, "attendance", action,
            record is null ? [] : [record], subject is null ? [] : [subject], ["attendance.status"],
            AuditOutcome.Succeeded, "OK", "127.0.0.1", "tests", null);

    public Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }

        return Task.CompletedTask;
    }

    internal AuditStore Store() => new(Options.Create(new AuditOptions()), StorageOptions(), Context());

    /// <summary>The main and ledger databases of this store, for the stores beside the audit log (legal holds).</summary>
    internal MongoContext Context() => new(StorageOptions());

    private IOptions<MongoStorageOptions> StorageOptions() =>
        Options.Create(new MongoStorageOptions { ConnectionString = TestServers.MongoConnectionString, Database = Database, LedgerDatabase = $"{Database}_ledger" });
}
