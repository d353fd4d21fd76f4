using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// Before a subject's key is destroyed, moves the records a legal hold or retention rule keeps under a
/// retained key of their own: each is re-encrypted and replaced under its version, so a concurrent write
/// either wins (and the record is re-read and moved) or finds the record kept and read-only. Idempotent: a
/// record already under this retained key is left as it is, so a resumed erasure finishes the rest.
/// </summary>
public sealed class RecordRetainer(ITenantRepository tenants, TenantKeyring keyring, IRecordRepository records, RecordCodec codec)
{
    private const int MaxAttempts = 5;

    /// <returns>How many records this call moved (those moved by an earlier, interrupted run excluded).</returns>
    public async Task<int> KeepAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var retainedKeyId = request.RetainedKeyId ?? throw new ArgumentException("the request keeps no records", nameof(request));
        var tenant = (await tenants.FindAsync(request.TenantId, cancellationToken).ConfigureAwait(false)
            ?? throw DomainErrors.TenantNotFound(request.TenantId)).RequireActive();
        using var key = await keyring.GetOrCreateRetainedKeyAsync(tenant, retainedKeyId, cancellationToken).ConfigureAwait(false);
        var moved = 0;
        foreach (var held in request.Blocked.Where(b => b.RecordId != ErasureBlocks.AnyRecord).GroupBy(b => (b.Collection, b.RecordId)))
        {
            var retention = new RecordRetention(key.Reference, request.RequestId, held.Select(b => new RetentionGround(b.HeldBy, b.Reason, b.RetainedUntil)).ToList());
            for (var attempt = 1; ; attempt++)
            {
                var stored = await records.FindAsync(tenant.TenantId, held.Key.Collection, held.Key.RecordId, cancellationToken).ConfigureAwait(false);
                if (stored is null || stored.Retention?.Key == key.Reference)
                {
                    // Deleted before the erasure began its work, or moved already by an interrupted run.
                    break;
                }

                var retained = await codec.RetainAsync(tenant, stored, key, retention, cancellationToken).ConfigureAwait(false);
                if (await records.TryReplaceAsync(tenant.TenantId, retained, stored.Version, cancellationToken).ConfigureAwait(false))
                {
                    moved++;
                    break;
                }

                if (attempt == MaxAttempts)
                {
                    // The subject key is not destroyed until every kept record is moved: the next run tries again.
                    throw new DomainException(DomainErrorKind.Unavailable,
                        $"record '{held.Key.RecordId}' of '{held.Key.Collection}' kept changing while the erasure moved it to its retained key; retry", "request_id");
                }
            }
        }

        return moved;
    }
}
