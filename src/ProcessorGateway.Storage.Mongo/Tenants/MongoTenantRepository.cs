using MongoDB.Driver;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Storage.Mongo.Tenants;

internal sealed class MongoTenantRepository(MongoContext context) : ITenantRepository
{
    public Task<bool> TryInsertAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return MongoErrors.TryInsertAsync(context.TenantCollection, new TenantDocument
        {
            Id = tenant.TenantId,
            DisplayName = tenant.DisplayName,
            Status = tenant.Status.ToString(),
            DataKeyId = tenant.DataKey.Id.ToString("N"),
            DataKeyVersion = tenant.DataKey.Version,
            IndexKeyId = tenant.IndexKey.Id.ToString("N"),
            IndexKeyVersion = tenant.IndexKey.Version,
            CreatedAt = tenant.CreatedAt.UtcDateTime,
        }, cancellationToken);
    }

    public Task<bool> TryReplaceDataKeyAsync(string tenantId, KeyReference expected, KeyReference next, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var expectedId = expected.Id.ToString("N");
            var result = await context.TenantCollection.UpdateOneAsync(
                d => d.Id == tenantId && d.DataKeyId == expectedId && d.DataKeyVersion == expected.Version,
                Builders<TenantDocument>.Update.Set(d => d.DataKeyId, next.Id.ToString("N")).Set(d => d.DataKeyVersion, next.Version),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.MatchedCount == 1;
        });

    public Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var documents = await context.TenantCollection.Find(FilterDefinition<TenantDocument>.Empty).ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string> ids = documents.Select(d => d.Id).ToList();
            return ids;
        });

    public Task SetStatusAsync(string tenantId, TenantStatus status, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() => context.TenantCollection.UpdateOneAsync(
            d => d.Id == tenantId, Builders<TenantDocument>.Update.Set(d => d.Status, status.ToString()), cancellationToken: cancellationToken));

    public Task<Tenant?> FindAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var document = await context.TenantCollection.Find(d => d.Id == tenantId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null
                ? null
                : new Tenant(
                    document.Id,
                    document.DisplayName,
                    Enum.Parse<TenantStatus>(document.Status),
                    new KeyReference(Guid.ParseExact(document.DataKeyId, "N"), document.DataKeyVersion),
                    new KeyReference(Guid.ParseExact(document.IndexKeyId, "N"), document.IndexKeyVersion),
                    new DateTimeOffset(document.CreatedAt, TimeSpan.Zero));
        });
}
