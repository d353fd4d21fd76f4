using MongoDB.Driver;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Storage.Mongo.Keys;

internal sealed class MongoKeyVault(MongoContext context) : IKeyVault
{
    public async Task InsertAsync(WrappedKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!await MongoErrors.TryInsertAsync(context.KeyCollection, ToDocument(key), cancellationToken).ConfigureAwait(false))
        {
            // Key ids are random 128-bit values: a collision means something is badly wrong; never overwrite.
            throw new InvalidOperationException($"the key vault already holds {key.Reference}");
        }
    }

    public async Task<WrappedKey> InsertSubjectKeyAsync(WrappedKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var subjectId = key.SubjectId ?? throw new ArgumentException("a subject key names its subject", nameof(key));

        // The unique (tenant, subject) index decides a race between two first writes for one person.
        return await MongoErrors.TryInsertAsync(context.KeyCollection, ToDocument(key), cancellationToken).ConfigureAwait(false)
            ? key
            : await FindSubjectKeyAsync(key.TenantId, subjectId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("a subject key was refused as a duplicate, yet none is stored");
    }

    public Task<WrappedKey?> FindAsync(string tenantId, Guid keyId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var id = keyId.ToString("N");
            var document = await context.KeyCollection.Find(d => d.Id == id && d.TenantId == tenantId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null ? null : ToKey(document);
        });

    public Task<WrappedKey?> FindSubjectKeyAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var document = await context.KeyCollection.Find(d => d.TenantId == tenantId && d.SubjectId == subjectId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null ? null : ToKey(document);
        });

    public Task<IReadOnlyList<WrappedKey>> ListTenantKeysAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var documents = await context.KeyCollection.Find(d => d.TenantId == tenantId).ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<WrappedKey> keys = documents.Select(ToKey).ToList();
            return keys;
        });

    public Task<IReadOnlyList<WrappedKey>> ListWrappedByAsync(string tenantId, Guid tenantKeyId, int limit, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var id = tenantKeyId.ToString("N");
            var documents = await context.KeyCollection.Find(d => d.TenantId == tenantId && d.WrappedById == id).Limit(limit)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<WrappedKey> keys = documents.Select(ToKey).ToList();
            return keys;
        });

    public Task<bool> TryRewrapAsync(WrappedKey rewrapped, Guid previousWrappedById, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(rewrapped);
            var id = rewrapped.Reference.Id.ToString("N");
            var previous = previousWrappedById.ToString("N");
            var result = await context.KeyCollection.UpdateOneAsync(
                d => d.Id == id && d.TenantId == rewrapped.TenantId && d.WrappedById == previous,
                Builders<KeyDocument>.Update.Set(d => d.Wrapped, rewrapped.Wrapped)
                    .Set(d => d.WrappedById, rewrapped.WrappedBy!.Value.Id.ToString("N"))
                    .Set(d => d.WrappedByVersion, rewrapped.WrappedBy!.Value.Version),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.ModifiedCount == 1;
        });

    public Task<long> DeleteAsync(IReadOnlyCollection<Guid> keyIds, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(keyIds);
            var ids = keyIds.Select(k => k.ToString("N")).ToList();
            var result = await context.KeyCollection.DeleteManyAsync(Builders<KeyDocument>.Filter.In(d => d.Id, ids), cancellationToken).ConfigureAwait(false);
            return result.DeletedCount;
        });

    private static KeyDocument ToDocument(WrappedKey key) => new()
    {
        Id = key.Reference.Id.ToString("N"),
        TenantId = key.TenantId,
        Kind = (int)key.Kind,
        Version = key.Reference.Version,
        Wrapped = key.Wrapped,
        SubjectId = key.SubjectId,
        WrappedById = key.WrappedBy?.Id.ToString("N"),
        WrappedByVersion = key.WrappedBy?.Version,
        CreatedAt = key.CreatedAt.UtcDateTime,
    };

    private static WrappedKey ToKey(KeyDocument document) => new(
        document.TenantId,
        (KeyKind)document.Kind,
        new KeyReference(Guid.ParseExact(document.Id, "N"), document.Version),
        document.Wrapped,
        new DateTimeOffset(document.CreatedAt, TimeSpan.Zero),
        document.SubjectId,
        document.WrappedById is null ? null : new KeyReference(Guid.ParseExact(document.WrappedById, "N"), document.WrappedByVersion ?? 1));
}
