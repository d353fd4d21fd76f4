using Microsoft.Extensions.Hosting;
using MongoDB.Driver;
using ProcessorGateway.Storage.Mongo.Notifications;

namespace ProcessorGateway.Storage.Mongo.Erasure;

/// <summary>
/// Indexes for erasure and the outbox, idempotently at start-up. Tenant-facing queries lead with the
/// tenant; the jobs' claims (due requests, due messages) span tenants by design, on their own indexes.
/// </summary>
internal sealed class ErasureIndexInitializer(MongoContext context) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => CreateAllAsync(cancellationToken);

    internal async Task CreateAllAsync(CancellationToken cancellationToken)
    {
        var requests = new MongoErasureRequestStore(context);
        var r = Builders<ErasureRequestDocument>.IndexKeys;
        await MongoErrors.GuardAsync(() => requests.Collection.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<ErasureRequestDocument>(r.Ascending(d => d.TenantId).Ascending(d => d.OpenKey), new CreateIndexOptions<ErasureRequestDocument>
            {
                Name = "tenant_open_unique", Unique = true, PartialFilterExpression = Builders<ErasureRequestDocument>.Filter.Exists(d => d.OpenKey),
            }),
            new CreateIndexModel<ErasureRequestDocument>(r.Ascending(d => d.TenantId).Ascending(d => d.State).Ascending(d => d.NextDeadline),
                new CreateIndexOptions { Name = "tenant_state_deadline" }),

            // The job's claim (verified requests by execute-after time, lapsed leases) and the gauges (open requests by deadline).
            new CreateIndexModel<ErasureRequestDocument>(r.Ascending(d => d.State).Ascending(d => d.NextExecuteAfter), new CreateIndexOptions { Name = "state_execute_after" }),
            new CreateIndexModel<ErasureRequestDocument>(r.Ascending(d => d.State).Ascending(d => d.NextDeadline), new CreateIndexOptions { Name = "state_deadline" }),

            // Overdue notices not yet queued: only requests past a deadline they were not told of carry the time.
            new CreateIndexModel<ErasureRequestDocument>(r.Ascending(d => d.OverdueNoticeAt), new CreateIndexOptions<ErasureRequestDocument>
            {
                Name = "overdue_notice", PartialFilterExpression = Builders<ErasureRequestDocument>.Filter.Exists(d => d.OverdueNoticeAt),
            }),

            // The sweep of kept records: only requests that keep some carry a next-check time.
            new CreateIndexModel<ErasureRequestDocument>(r.Ascending(d => d.KeptCheckAt), new CreateIndexOptions<ErasureRequestDocument>
            {
                Name = "kept_check", PartialFilterExpression = Builders<ErasureRequestDocument>.Filter.Exists(d => d.KeptCheckAt),
            }),
        ], cancellationToken)).ConfigureAwait(false);

        var policies = new MongoErasurePolicyStore(context);
        await MongoErrors.GuardAsync(() => policies.HoldCollection.Indexes.CreateOneAsync(new CreateIndexModel<LegalHoldDocument>(
            Builders<LegalHoldDocument>.IndexKeys.Ascending(d => d.TenantId).Ascending(d => d.SubjectId), new CreateIndexOptions { Name = "tenant_subject" }),
            cancellationToken: cancellationToken)).ConfigureAwait(false);

        var outbox = new MongoNotificationOutbox(context);
        var outboxKeys = Builders<OutboxDocument>.IndexKeys;
        await MongoErrors.GuardAsync(() => outbox.Collection.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<OutboxDocument>(outboxKeys.Ascending(d => d.NextAttemptAt), new CreateIndexOptions { Name = "next_attempt" }),
            new CreateIndexModel<OutboxDocument>(outboxKeys.Ascending(d => d.TenantId).Ascending(d => d.RequestId), new CreateIndexOptions { Name = "tenant_request" }),
            new CreateIndexModel<OutboxDocument>(outboxKeys.Ascending(d => d.TenantId).Ascending(d => d.CreatedAt).Ascending(d => d.Id),
                new CreateIndexOptions<OutboxDocument> { Name = "tenant_given_up", PartialFilterExpression = Builders<OutboxDocument>.Filter.Exists(d => d.GaveUpAt) }),
        ], cancellationToken)).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
