using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// The audit log's indexes, at start-up. The <c>_id</c> (chain and first sequence number of a block) makes a
/// chain fork-free and walks it; these find the blocks holding a subject's (by its lookup token, or by its id in
/// events from before references) or a record's events. Each leads
/// with the chain (the tenant).
/// </summary>
internal sealed class AuditIndexInitializer(AuditStore store, MongoAuditLog log, ILogger<AuditIndexInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MongoErrors.GuardAsync(() => CreateAllAsync(store, cancellationToken)).ConfigureAwait(false);
        var copied = await MongoErrors.GuardAsync(() => log.MigrateLegacyEventsAsync().WaitAsync(cancellationToken)).ConfigureAwait(false);
        if (copied > 0)
        {
            MongoStorageLog.LegacyAuditEventsCopied(logger, copied, LegacyAuditEventMigration.LegacyEvents, AuditStore.Blocks);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static Task CreateAllAsync(AuditStore store, CancellationToken cancellationToken)
    {
        var keys = Builders<AuditBlockDocument>.IndexKeys;
        return store.Collection.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<AuditBlockDocument>(keys.Ascending(d => d.ChainId).Ascending("e.s").Ascending(d => d.Id),
                new CreateIndexOptions { Name = "chain_subject_id" }),
            new CreateIndexModel<AuditBlockDocument>(keys.Ascending(d => d.ChainId).Ascending("e." + AuditBlockQuery.TokenPath).Ascending(d => d.Id),
                new CreateIndexOptions { Name = "chain_subject_token" }),
            new CreateIndexModel<AuditBlockDocument>(keys.Ascending(d => d.ChainId).Ascending("e.r").Ascending(d => d.Id),
                new CreateIndexOptions { Name = "chain_record_id" }),
        ], cancellationToken);
    }
}
