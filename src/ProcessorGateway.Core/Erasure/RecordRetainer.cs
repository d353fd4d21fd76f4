using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// Before a subject's key is destroyed, moves records under a retained key of their own: those a legal hold or
/// retention rule keeps, and the institution-managed records whose part of the request executes later. Each is
/// re-encrypted and replaced under its version, so a concurrent write either wins (and the record is re-read and
/// moved) or finds the record kept and read-only. Idempotent: a record already under the key is left as it is, so
/// a resumed erasure finishes the rest.
/// </summary>
public sealed class RecordRetainer(ITenantRepository tenants, TenantKeyring keyring, IRecordRepository records, RecordCodec codec)
{
    private const int MaxAttempts = 5;

    /// <returns>How many records this call moved (those moved by an earlier, interrupted run excluded).</returns>
    public Task<int> KeepAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var retainedKeyId = request.RetainedKeyId ?? throw new ArgumentException("the request keeps no records", nameof(request));
        var held = request.Blocked.Where(b => b.RecordId != ErasureBlocks.AnyRecord).GroupBy(b => (b.Collection, b.RecordId))
            .Select(g => (g.Key.Collection, g.Key.RecordId, (IReadOnlyList<RetentionGround>)g.Select(b => new RetentionGround(b.HeldBy, b.Reason, b.RetainedUntil)).ToList()));
        return MoveAsync(request, retainedKeyId, held, cancellationToken);
    }

    /// <summary>Moves the institution-managed records of a request whose personal-account part executes first under the request's institution key.</summary>
    /// <returns>How many records this call moved.</returns>
    public Task<int> DeferAsync(ErasureRequest request, IEnumerable<SubjectRecord> deferred, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(deferred);
        var keyId = request.InstitutionKeyId ?? throw new ArgumentException("the request defers no records", nameof(request));
        var part = request.Part(DataClass.InstitutionManaged);
        IReadOnlyList<RetentionGround> grounds =
            [new RetentionGround($"erasure request {request.RequestId}", "institution-managed data, erased when its part of the request executes", part?.DueAt)];
        return MoveAsync(request, keyId, deferred.Select(r => (r.Collection, r.RecordId, grounds)), cancellationToken);
    }

    private async Task<int> MoveAsync(
        ErasureRequest request, Guid keyId, IEnumerable<(string Collection, string RecordId, IReadOnlyList<RetentionGround> Grounds)> moves,
        CancellationToken cancellationToken)
    {
        var tenant = (await tenants.FindAsync(request.TenantId, cancellationToken).ConfigureAwait(false)
            ?? throw DomainErrors.TenantNotFound(request.TenantId)).RequireActive();
        using var key = await keyring.GetOrCreateRetainedKeyAsync(tenant, keyId, cancellationToken).ConfigureAwait(false);
        var moved = 0;
        foreach (var (collection, recordId, grounds) in moves)
        {
            var retention = new RecordRetention(key.Reference, request.RequestId, grounds);
            for (var attempt = 1; ; attempt++)
            {
                var stored = await records.FindAsync(tenant.TenantId, collection, recordId, cancellationToken).ConfigureAwait(false);
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
                    // The key the record is under is not destroyed until every record is moved: the next run tries again.
                    throw new DomainException(DomainErrorKind.Unavailable,
                        $"record '{recordId}' of '{collection}' kept changing while the erasure moved it to its retained key; retry", "request_id");
                }
            }
        }

        return moved;
    }
}
