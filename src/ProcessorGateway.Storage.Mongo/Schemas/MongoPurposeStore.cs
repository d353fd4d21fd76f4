using MongoDB.Driver;
using ProcessorGateway.Core.Schemas;

namespace ProcessorGateway.Storage.Mongo.Schemas;

internal sealed class MongoPurposeStore(MongoContext context) : IPurposeStore
{
    public Task<bool> TryInsertAsync(RegisteredPurpose purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return MongoErrors.TryInsertAsync(context.PurposeCollection, new PurposeDocument
        {
            Id = $"{purpose.TenantId}/{purpose.Name}",
            TenantId = purpose.TenantId,
            Name = purpose.Name,
            Category = (int)purpose.Category,
            Description = purpose.Description,
            RegisteredBy = purpose.RegisteredBy ?? string.Empty,
            RegisteredAt = (purpose.RegisteredAt ?? DateTimeOffset.UnixEpoch).UtcDateTime,
        }, cancellationToken);
    }

    public Task<IReadOnlyList<RegisteredPurpose>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            ArgumentException.ThrowIfNullOrEmpty(tenantId);
            var documents = await context.PurposeCollection.Find(d => d.TenantId == tenantId).SortBy(d => d.Name)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<RegisteredPurpose> purposes = documents.Select(d => new RegisteredPurpose(
                d.TenantId, d.Name, (PurposeCategory)d.Category, d.Description, Standard: false, d.RegisteredBy,
                new DateTimeOffset(d.RegisteredAt, TimeSpan.Zero))).ToList();
            return purposes;
        });
}
