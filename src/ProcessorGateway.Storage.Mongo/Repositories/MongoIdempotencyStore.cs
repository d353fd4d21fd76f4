using MongoDB.Driver;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Storage.Mongo.Documents;

namespace ProcessorGateway.Storage.Mongo.Repositories;

internal sealed class MongoIdempotencyStore(MongoContext context) : IIdempotencyStore
{
    public async Task<IdempotencyEntry?> TryBeginAsync(string tenantId, IdempotencyEntry pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var document = new IdempotencyDocument
        {
            Id = DocumentId(tenantId, pending.Key),
            TenantId = tenantId,
            Key = pending.Key,
            Fingerprint = pending.RequestFingerprint,
            Completed = false,
            RecordId = pending.RecordId,
            Version = 0,
            CreatedAt = pending.CreatedAt.UtcDateTime,
        };

        // A holder may release its claim between our insert and our read; then the key is free again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await MongoErrors.TryInsertAsync(context.IdempotencyCollection, document, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            if (await FindAsync(tenantId, pending.Key, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }
        }

        throw DomainErrors.IdempotencyInProgress();
    }

    public Task<IdempotencyEntry?> FindAsync(string tenantId, string key, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var id = DocumentId(tenantId, key);
            var existing = await context.IdempotencyCollection.Find(d => d.Id == id && d.TenantId == tenantId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return existing is null
                ? null
                : new IdempotencyEntry(existing.Key, existing.Fingerprint, existing.Completed, existing.RecordId, existing.Version,
                    new DateTimeOffset(existing.CreatedAt, TimeSpan.Zero));
        });

    public Task ReleaseAsync(string tenantId, string key, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() =>
        {
            var id = DocumentId(tenantId, key);
            return context.IdempotencyCollection.DeleteOneAsync(d => d.Id == id && d.TenantId == tenantId && !d.Completed, cancellationToken);
        });

    public Task CompleteAsync(string tenantId, string key, long version, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() =>
        {
            var id = DocumentId(tenantId, key);
            return context.IdempotencyCollection.UpdateOneAsync(
                d => d.Id == id && d.TenantId == tenantId,
                Builders<IdempotencyDocument>.Update.Set(d => d.Completed, true).Set(d => d.Version, version),
                cancellationToken: cancellationToken);
        });

    public Task<long> PurgeClaimedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var before = cutoff.UtcDateTime;
            var result = await context.IdempotencyCollection.DeleteManyAsync(d => d.CreatedAt < before, cancellationToken).ConfigureAwait(false);
            return result.DeletedCount;
        });

    private static string DocumentId(string tenantId, string key) => $"{tenantId}/{key}";
}
