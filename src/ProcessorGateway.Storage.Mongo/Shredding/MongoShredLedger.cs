using System.Runtime.CompilerServices;
using MongoDB.Driver;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Shredding;

namespace ProcessorGateway.Storage.Mongo.Shredding;

/// <summary>Append-only: this adapter only inserts and reads; nothing here updates or deletes a tombstone.</summary>
internal sealed class MongoShredLedger(MongoContext context) : IShredLedger
{
    public Task AppendAsync(ShredRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);

        // A duplicate is a retried shred of the same key: the first tombstone stands.
        return MongoErrors.TryInsertAsync(context.ShredLedgerCollection, new ShredLedgerDocument
        {
            Id = record.KeyId.ToString("N"),
            TenantId = record.TenantId,
            Kind = (int)record.Kind,
            SubjectId = record.SubjectId,
            ShreddedAt = record.ShreddedAt.UtcDateTime,
            Reason = record.Reason,
            Actor = record.Actor,
        }, cancellationToken);
    }

    public Task<ShredRecord?> FindAsync(Guid keyId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var id = keyId.ToString("N");
            var document = await context.ShredLedgerCollection.Find(d => d.Id == id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null ? null : ToRecord(document);
        });

    public Task<ShredRecord?> FindSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var document = await context.ShredLedgerCollection.Find(d => d.TenantId == tenantId && d.SubjectId == subjectId)
                .SortBy(d => d.ShreddedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null ? null : ToRecord(document);
        });

    public Task<IReadOnlyList<ShredRecord>> ListTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var documents = await context.ShredLedgerCollection.Find(d => d.TenantId == tenantId).SortBy(d => d.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ShredRecord> records = documents.Select(ToRecord).ToList();
            return records;
        });

    public async IAsyncEnumerable<ShredRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cursor = await MongoErrors.GuardAsync(() => context.ShredLedgerCollection
            .Find(FilterDefinition<ShredLedgerDocument>.Empty).SortBy(d => d.Id).ToCursorAsync(cancellationToken)).ConfigureAwait(false);
        while (await MongoErrors.GuardAsync(() => cursor.MoveNextAsync(cancellationToken)).ConfigureAwait(false))
        {
            foreach (var document in cursor.Current)
            {
                yield return ToRecord(document);
            }
        }
    }

    private static ShredRecord ToRecord(ShredLedgerDocument document) => new(
        Guid.ParseExact(document.Id, "N"),
        document.TenantId,
        (KeyKind)document.Kind,
        document.SubjectId,
        new DateTimeOffset(document.ShreddedAt, TimeSpan.Zero),
        document.Reason,
        document.Actor);
}
