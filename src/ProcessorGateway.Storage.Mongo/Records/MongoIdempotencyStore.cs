using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Records;

namespace ProcessorGateway.Storage.Mongo.Records;

internal sealed class MongoIdempotencyStore(MongoContext context) : IIdempotencyStore
{
    public async Task<IdempotencyEntry?> TryBeginAsync(string tenantId, IdempotencyEntry pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var document = Pending(tenantId, pending, claimId: null);

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

    /// <summary>
    /// One unordered insert of every claim. When one of them exists already the reply cannot be relied on per claim (the
    /// development server refuses the whole insert without saying which), so the keys are read back, once, and a claim is
    /// this call's exactly when its document carries this claim's own stamp.
    /// </summary>
    public Task<IReadOnlyList<bool>> TryBeginManyAsync(string tenantId, IReadOnlyList<IdempotencyEntry> pending, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(pending);
            var documents = pending.Select(p => Pending(tenantId, p, ObjectId.GenerateNewId())).ToList();
            try
            {
                if (documents.Count > 0)
                {
                    await context.IdempotencyCollection.InsertManyAsync(documents, new InsertManyOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
                }

                IReadOnlyList<bool> all = documents.Select(_ => true).ToList();
                return all;
            }
            catch (MongoException e) when (MongoErrors.IsRefusedBulk(e))
            {
                var ids = documents.Select(d => d.Id).ToList();
                var found = await context.IdempotencyCollection.Find(d => d.TenantId == tenantId && ids.Contains(d.Id))
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                var claims = found.Where(d => d.ClaimId is not null).ToDictionary(d => d.Id, d => d.ClaimId, StringComparer.Ordinal);
                IReadOnlyList<bool> mine = documents.Select(d => claims.TryGetValue(d.Id, out var claim) && claim == d.ClaimId).ToList();
                return mine;
            }
        });

    public Task CompleteAsync(string tenantId, string key, long version, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() => context.IdempotencyCollection.UpdateOneAsync(Claimed(tenantId, key), Completion(version), cancellationToken: cancellationToken));

    public Task CompleteManyAsync(string tenantId, IReadOnlyList<(string Key, long Version)> completed, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(completed);
            if (completed.Count > 0)
            {
                var models = completed.Select(c => new UpdateOneModel<IdempotencyDocument>(Claimed(tenantId, c.Key), Completion(c.Version))).ToList();
                await context.IdempotencyCollection.BulkWriteAsync(models, new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
            }
        });

    public Task<long> PurgeClaimedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var before = cutoff.UtcDateTime;
            var result = await context.IdempotencyCollection.DeleteManyAsync(d => d.CreatedAt < before, cancellationToken).ConfigureAwait(false);
            return result.DeletedCount;
        });

    public Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.DeletedCountAsync(() => context.IdempotencyCollection.DeleteManyAsync(d => d.TenantId == tenantId, cancellationToken));

    private static string DocumentId(string tenantId, string key) => $"{tenantId}/{key}";

    private static FilterDefinition<IdempotencyDocument> Claimed(string tenantId, string key)
    {
        var id = DocumentId(tenantId, key);
        return Builders<IdempotencyDocument>.Filter.Where(d => d.Id == id && d.TenantId == tenantId);
    }

    private static UpdateDefinition<IdempotencyDocument> Completion(long version) =>
        Builders<IdempotencyDocument>.Update.Set(d => d.Completed, true).Set(d => d.Version, version);

    private static IdempotencyDocument Pending(string tenantId, IdempotencyEntry pending, ObjectId? claimId) => new()
    {
        Id = DocumentId(tenantId, pending.Key),
        TenantId = tenantId,
        Key = pending.Key,
        Fingerprint = pending.RequestFingerprint,
        Completed = false,
        RecordId = pending.RecordId,
        Version = 0,
        CreatedAt = pending.CreatedAt.UtcDateTime,
        ClaimId = claimId,
    };
}
