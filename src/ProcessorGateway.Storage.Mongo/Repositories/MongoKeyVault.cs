using MongoDB.Driver;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Storage.Mongo.Documents;

namespace ProcessorGateway.Storage.Mongo.Repositories;

internal sealed class MongoKeyVault(MongoContext context) : IKeyVault
{
    public async Task InsertAsync(WrappedKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var inserted = await MongoErrors.TryInsertAsync(context.KeyCollection, new KeyDocument
        {
            Id = key.Reference.Id.ToString("N"),
            TenantId = key.TenantId,
            Kind = (int)key.Kind,
            Version = key.Reference.Version,
            Wrapped = key.Wrapped,
            CreatedAt = key.CreatedAt.UtcDateTime,
        }, cancellationToken).ConfigureAwait(false);
        if (!inserted)
        {
            // Key ids are random 128-bit values: a collision means something is badly wrong; never overwrite.
            throw new InvalidOperationException($"the key vault already holds {key.Reference}");
        }
    }

    public Task<WrappedKey?> FindAsync(string tenantId, Guid keyId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var id = keyId.ToString("N");
            var document = await context.KeyCollection.Find(d => d.Id == id && d.TenantId == tenantId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null
                ? null
                : new WrappedKey(document.TenantId, (KeyKind)document.Kind, new KeyReference(keyId, document.Version), document.Wrapped,
                    new DateTimeOffset(document.CreatedAt, TimeSpan.Zero));
        });
}
