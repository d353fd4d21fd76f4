using MongoDB.Driver;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Storage.Mongo.Documents;

namespace ProcessorGateway.Storage.Mongo.Repositories;

internal sealed class MongoIdempotencyStore(MongoContext context) : IIdempotencyStore
{
    public Task<IdempotencyEntry?> TryBeginAsync(string tenantId, IdempotencyEntry pending, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(pending);
            var id = DocumentId(tenantId, pending.Key);
            var claimed = await MongoErrors.TryInsertAsync(context.IdempotencyCollection, new IdempotencyDocument
            {
                Id = id,
                TenantId = tenantId,
                Key = pending.Key,
                Fingerprint = pending.RequestFingerprint,
                Completed = false,
                RecordId = pending.RecordId,
                Version = 0,
                CreatedAt = pending.CreatedAt.UtcDateTime,
            }, cancellationToken).ConfigureAwait(false);
            if (claimed)
            {
                return null;
            }

            var existing = await context.IdempotencyCollection.Find(d => d.Id == id && d.TenantId == tenantId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("an idempotency key was claimed and then vanished");
            return new IdempotencyEntry(existing.Key, existing.Fingerprint, existing.Completed, existing.RecordId, existing.Version,
                new DateTimeOffset(existing.CreatedAt, TimeSpan.Zero));
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

    private static string DocumentId(string tenantId, string key) => $"{tenantId}/{key}";
}
