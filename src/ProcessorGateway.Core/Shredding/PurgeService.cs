using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Records;

namespace ProcessorGateway.Core.Shredding;

/// <summary>
/// Removes the ciphertext of shredded subjects and tenants once their tombstone is older than the delay.
/// The data is unreadable from the shred on; this only reclaims the space. Resumable: deletes are
/// idempotent, and a tombstone counts as purged only once its entry is in the purge log.
/// </summary>
public sealed class PurgeService(IShredLedger ledger, IPurgeLog log, IRecordRepository records, TenantStateEraser tenantState, TimeProvider time)
{
    public async Task<IReadOnlyList<PurgeEntry>> PurgeAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - delay;
        var purged = new List<PurgeEntry>();
        await foreach (var tombstone in ledger.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            // Subject keys purge that subject's records, except those an erasure kept under a retained key;
            // a retained key purges the records kept under it; a tenant's data key purges all of the tenant's.
            var purges = tombstone.SubjectId is not null || (tombstone.Kind is KeyKind.Data or KeyKind.Retained && tombstone.SubjectId is null);
            if (!purges || tombstone.ShreddedAt > cutoff || await log.IsPurgedAsync(tombstone.KeyId, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            // An offboarded tenant's notification channels go first, once its receipt is delivered; until then its purge waits.
            if (tombstone is { SubjectId: null, Kind: KeyKind.Data } && !await tenantState.RetireChannelsAsync(tombstone.TenantId, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var removed = tombstone switch
            {
                { SubjectId: { } subject } => await records.DeleteSubjectRecordsAsync(tombstone.TenantId, subject, cancellationToken).ConfigureAwait(false),
                { Kind: KeyKind.Retained } => await records.DeleteRetainedRecordsAsync(tombstone.TenantId, tombstone.KeyId, cancellationToken).ConfigureAwait(false),
                _ => await records.DeleteTenantRecordsAsync(tombstone.TenantId, cancellationToken).ConfigureAwait(false),
            };
            var entry = new PurgeEntry(tombstone.KeyId, tombstone.TenantId, tombstone.SubjectId, removed, time.GetUtcNow());
            await log.RecordAsync(entry, cancellationToken).ConfigureAwait(false);
            purged.Add(entry);
        }

        return purged;
    }
}
