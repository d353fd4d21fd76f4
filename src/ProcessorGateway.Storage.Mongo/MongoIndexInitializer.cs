using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;
using ProcessorGateway.Storage.Mongo.Clients;
using ProcessorGateway.Storage.Mongo.Keys;
using ProcessorGateway.Storage.Mongo.Offboarding;
using ProcessorGateway.Storage.Mongo.Records;
using ProcessorGateway.Storage.Mongo.Schemas;
using ProcessorGateway.Storage.Mongo.Shredding;

namespace ProcessorGateway.Storage.Mongo;

/// <summary>
/// Creates every index at start-up, idempotently, before the gateway takes calls. Each index leads with
/// the tenant id, so a sharded cluster keyed on the tenant keeps every query on one tenant's shards.
/// </summary>
internal sealed class MongoIndexInitializer(MongoContext context, ILogger<MongoIndexInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MongoErrors.GuardAsync(() => CreateAllAsync(cancellationToken)).ConfigureAwait(false);
        MongoStorageLog.IndexesReady(logger, context.Database.DatabaseNamespace.DatabaseName, context.KeyVaultDatabase.DatabaseNamespace.DatabaseName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal async Task CreateAllAsync(CancellationToken cancellationToken)
    {
        var schema = Builders<SchemaDocument>.IndexKeys;
        await context.SchemaCollection.Indexes.CreateOneAsync(
            new CreateIndexModel<SchemaDocument>(schema.Ascending(d => d.TenantId).Ascending(d => d.Collection).Descending(d => d.Version),
                new CreateIndexOptions { Name = "tenant_collection_version", Unique = true }), cancellationToken: cancellationToken).ConfigureAwait(false);

        // A tenant's purposes are read together, on every cache miss of a data call.
        await context.PurposeCollection.Indexes.CreateOneAsync(
            new CreateIndexModel<PurposeDocument>(Builders<PurposeDocument>.IndexKeys.Ascending(d => d.TenantId).Ascending(d => d.Name),
                new CreateIndexOptions { Name = "tenant_name" }), cancellationToken: cancellationToken).ConfigureAwait(false);

        var record = Builders<RecordDocument>.IndexKeys;
        await context.RecordCollection.Indexes.CreateManyAsync(
        [
            // Pages of a collection in record-id order. Not unique: the _id (tenant/collection/record, each part
            // free of '/') already makes a record unique, and a second unique index cost every write a check of
            // its own (on the development server, a scan of the whole collection: 3.5 times the write).
            // Databases made before this change hold a unique "tenant_collection_record" too; docs/operations.md, "Upgrade notes".
            new CreateIndexModel<RecordDocument>(record.Ascending(d => d.TenantId).Ascending(d => d.Collection).Ascending(d => d.RecordId),
                new CreateIndexOptions { Name = "tenant_collection_record_order" }),
            new CreateIndexModel<RecordDocument>(record.Ascending(d => d.TenantId).Ascending(d => d.Collection).Ascending(d => d.SubjectId).Ascending(d => d.RecordId),
                new CreateIndexOptions { Name = "tenant_collection_subject" }),
            new CreateIndexModel<RecordDocument>(record.Ascending(d => d.TenantId).Ascending(d => d.SubjectId),
                new CreateIndexOptions { Name = "tenant_subject" }),
            new CreateIndexModel<RecordDocument>(record.Ascending(d => d.TenantId).Ascending(d => d.DataKeyId),
                new CreateIndexOptions { Name = "tenant_datakey" }),
            new CreateIndexModel<RecordDocument>(record.Ascending(d => d.TenantId).Ascending(d => d.RetainedKeyId),
                new CreateIndexOptions { Name = "tenant_retainedkey" }),
            new CreateIndexModel<RecordDocument>(record.Ascending(d => d.TenantId).Ascending(d => d.Collection).Ascending(d => d.BlindIndexes).Ascending(d => d.RecordId),
                new CreateIndexOptions { Name = "tenant_collection_blindindex" }),

            // Name search (docs/search.md): partial, so records without name tokens (most collections) cost it nothing;
            // an equality match on a token implies the token array exists, so name queries can use it.
            new CreateIndexModel<RecordDocument>(record.Ascending(d => d.TenantId).Ascending(d => d.Collection).Ascending(d => d.NameTokens).Ascending(d => d.RecordId),
                new CreateIndexOptions<RecordDocument> { Name = "tenant_collection_nametokens", PartialFilterExpression = Builders<RecordDocument>.Filter.Exists(d => d.NameTokens) }),

            // The retention job: records of a collection created (or last written) before a cutoff, in that order.
            new CreateIndexModel<RecordDocument>(record.Ascending(d => d.TenantId).Ascending(d => d.Collection).Ascending(d => d.CreatedAt).Ascending(d => d.RecordId),
                new CreateIndexOptions { Name = "tenant_collection_created" }),
            new CreateIndexModel<RecordDocument>(record.Ascending(d => d.TenantId).Ascending(d => d.Collection).Ascending(d => d.UpdatedAt).Ascending(d => d.RecordId),
                new CreateIndexOptions { Name = "tenant_collection_updated" }),
        ], cancellationToken).ConfigureAwait(false);

        var idempotency = Builders<IdempotencyDocument>.IndexKeys;
        await context.IdempotencyCollection.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<IdempotencyDocument>(idempotency.Ascending(d => d.TenantId).Ascending(d => d.CreatedAt),
                new CreateIndexOptions { Name = "tenant_created" }),
            // Extra only: on real MongoDB it removes old keys by itself; nothing relies on it.
            new CreateIndexModel<IdempotencyDocument>(idempotency.Ascending(d => d.CreatedAt),
                new CreateIndexOptions { Name = "created_ttl", ExpireAfter = TimeSpan.FromDays(3) }),
        ], cancellationToken).ConfigureAwait(false);

        await context.ClientCollection.Indexes.CreateOneAsync(
            new CreateIndexModel<ClientDocument>(Builders<ClientDocument>.IndexKeys.Ascending(d => d.TenantId).Ascending(d => d.Id),
                new CreateIndexOptions { Name = "tenant_client" }), cancellationToken: cancellationToken).ConfigureAwait(false);

        var key = Builders<KeyDocument>.IndexKeys;
        await context.KeyCollection.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<KeyDocument>(key.Ascending(d => d.TenantId).Ascending(d => d.Kind), new CreateIndexOptions { Name = "tenant_kind" }),
            new CreateIndexModel<KeyDocument>(key.Ascending(d => d.TenantId).Ascending(d => d.WrappedById), new CreateIndexOptions { Name = "tenant_wrappedby" }),

            // One key per data subject: the index, not a read-then-write, decides between two first writes.
            new CreateIndexModel<KeyDocument>(key.Ascending(d => d.TenantId).Ascending(d => d.SubjectId), new CreateIndexOptions<KeyDocument>
            {
                Name = "tenant_subject_unique",
                Unique = true,
                PartialFilterExpression = Builders<KeyDocument>.Filter.Exists(d => d.SubjectId),
            }),
        ], cancellationToken).ConfigureAwait(false);

        await context.ShredLedgerCollection.Indexes.CreateOneAsync(
            new CreateIndexModel<ShredLedgerDocument>(Builders<ShredLedgerDocument>.IndexKeys.Ascending(d => d.TenantId).Ascending(d => d.SubjectId),
                new CreateIndexOptions { Name = "tenant_subject" }), cancellationToken: cancellationToken).ConfigureAwait(false);

        await new MongoTenantOffboardingStore(context).CreateIndexesAsync(cancellationToken).ConfigureAwait(false);
    }
}
