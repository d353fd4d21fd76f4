using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Storage.Mongo.Notifications;

namespace ProcessorGateway.Storage.Mongo.Erasure;

/// <summary>
/// Indexes for erasure and the outbox, idempotently at start-up. Tenant-facing queries lead with the
/// tenant; the jobs' claims (due requests, due messages) span tenants by design, on their own indexes.
/// </summary>
internal sealed class ErasureIndexInitializer(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var requests = (MongoErasureRequestStore)services.GetRequiredService<IErasureRequestStore>();
        var r = Builders<ErasureRequestDocument>.IndexKeys;
        await MongoErrors.GuardAsync(() => requests.Collection.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<ErasureRequestDocument>(r.Ascending(d => d.TenantId).Ascending(d => d.OpenKey), new CreateIndexOptions<ErasureRequestDocument>
            {
                Name = "tenant_open_unique", Unique = true, PartialFilterExpression = Builders<ErasureRequestDocument>.Filter.Exists(d => d.OpenKey),
            }),
            new CreateIndexModel<ErasureRequestDocument>(r.Ascending(d => d.TenantId).Ascending(d => d.State).Ascending(d => d.DueAt), new CreateIndexOptions { Name = "tenant_state_due" }),
            new CreateIndexModel<ErasureRequestDocument>(r.Ascending(d => d.State).Ascending(d => d.DueAt), new CreateIndexOptions { Name = "state_due" }),
        ], cancellationToken)).ConfigureAwait(false);

        var policies = (MongoErasurePolicyStore)services.GetRequiredService<IErasurePolicyStore>();
        await MongoErrors.GuardAsync(() => policies.HoldCollection.Indexes.CreateOneAsync(new CreateIndexModel<LegalHoldDocument>(
            Builders<LegalHoldDocument>.IndexKeys.Ascending(d => d.TenantId).Ascending(d => d.SubjectId), new CreateIndexOptions { Name = "tenant_subject" }),
            cancellationToken: cancellationToken)).ConfigureAwait(false);

        var outbox = (MongoNotificationOutbox)services.GetRequiredService<INotificationOutbox>();
        await MongoErrors.GuardAsync(() => outbox.Collection.Indexes.CreateOneAsync(new CreateIndexModel<OutboxDocument>(
            Builders<OutboxDocument>.IndexKeys.Ascending(d => d.NextAttemptAt), new CreateIndexOptions { Name = "next_attempt" }),
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
