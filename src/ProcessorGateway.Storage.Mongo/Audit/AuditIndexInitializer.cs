using Microsoft.Extensions.Hosting;
using MongoDB.Driver;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// The audit log's indexes, at start-up. The <c>_id</c> (chain and sequence number) makes a chain
/// fork-free and walks it; these serve queries by subject and by record. Each leads with the chain (the tenant).
/// </summary>
internal sealed class AuditIndexInitializer(AuditStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => MongoErrors.GuardAsync(() => CreateAllAsync(store, cancellationToken));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static Task CreateAllAsync(AuditStore store, CancellationToken cancellationToken)
    {
        var keys = Builders<AuditEventDocument>.IndexKeys;
        return store.Collection.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<AuditEventDocument>(keys.Ascending(d => d.ChainId).Ascending(d => d.SubjectIds).Ascending(d => d.Id),
                new CreateIndexOptions { Name = "chain_subject_id" }),
            new CreateIndexModel<AuditEventDocument>(keys.Ascending(d => d.ChainId).Ascending(d => d.RecordIds).Ascending(d => d.Id),
                new CreateIndexOptions { Name = "chain_record_id" }),
        ], cancellationToken);
    }
}
