using MongoDB.Driver;
using ProcessorGateway.Core.Shredding;

namespace ProcessorGateway.Storage.Mongo.Shredding;

internal sealed class MongoPurgeLog(MongoContext context) : IPurgeLog
{
    public Task<bool> IsPurgedAsync(Guid keyId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var id = keyId.ToString("N");
            return await context.PurgeLogCollection.Find(d => d.Id == id).AnyAsync(cancellationToken).ConfigureAwait(false);
        });

    public Task RecordAsync(PurgeEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // A duplicate is a purge that another replica finished first: its entry stands.
        return MongoErrors.TryInsertAsync(context.PurgeLogCollection, new PurgeLogDocument
        {
            Id = entry.KeyId.ToString("N"),
            TenantId = entry.TenantId,
            SubjectId = entry.SubjectId,
            RecordsRemoved = entry.RecordsRemoved,
            PurgedAt = entry.PurgedAt.UtcDateTime,
        }, cancellationToken);
    }
}
