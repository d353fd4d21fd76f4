using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// Executes a claimed request, each step idempotent so a crashed execution resumes where it stopped:
/// plan (check holds and rules, count the records, choose the retained key for what must be kept: stored
/// before anything changes), move the kept records under the retained key, shred the subject key (a replay
/// returns the first shred), destroy the retained keys of earlier erasures that nothing keeps any more,
/// sign the receipt (the same input signs the same), queue the notifications (one message id per channel),
/// then mark it executed under the claim's version. A whole tenant's request with anything kept is refused.
/// </summary>
public sealed class ErasureExecutor(
    IErasureRequestStore requests, ErasureBlocks blocks, IErasureCensus census, ShredService shredder, RecordRetainer retainer, IReceiptSigner signer,
    NotificationService notifications, ITenantRepository tenants, ErasureClock clock, SubjectStateEraser subjectState, TenantStateEraser tenantState)
{
    /// <summary>This process, as a lease owner.</summary>
    public string Owner { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <returns>The request as it now stands, or <c>null</c> when the lease was lost to another replica.</returns>
    public async Task<ErasureRequest?> ExecuteAsync(ErasureRequest claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var request = claimed;
        if (request.RecordCounts is null)
        {
            var planned = await PlanAsync(request, cancellationToken).ConfigureAwait(false);
            if (planned.State == ErasureState.Refused)
            {
                var refused = await requests.TryReplaceAsync(planned, request.Version, cancellationToken).ConfigureAwait(false);
                if (refused is not null && !await notifications.NotifyRefusalAsync(refused, cancellationToken).ConfigureAwait(false))
                {
                    return await requests.TryReplaceAsync(refused with { NobodyToNotify = true }, refused.Version, cancellationToken).ConfigureAwait(false);
                }

                return refused;
            }

            var counted = await requests.TryReplaceAsync(planned, request.Version, cancellationToken).ConfigureAwait(false);
            if (counted is null)
            {
                return null;
            }

            request = counted;
        }

        // A subject of a tenant offboarded meanwhile went with the tenant's keys: the offboarding (replayed,
        // or completed if it was cut short) is what destroyed the subject's data, kept records included.
        var why = $"erasure request {request.RequestId}";
        var tenantGone = request.Scope == ErasureScope.Subject
            && await tenants.FindAsync(request.TenantId, cancellationToken).ConfigureAwait(false) is { Status: not TenantStatus.Active };
        ShredOutcome outcome;
        ShredOutcome? released = null;
        if (request.Scope == ErasureScope.Subject && !tenantGone)
        {
            // Kept records first: once the subject key is gone, nothing could move them any more.
            if (request.RetainedKeyId is not null)
            {
                await retainer.KeepAsync(request, cancellationToken).ConfigureAwait(false);
            }

            outcome = await shredder.EraseSubjectAsync(request.TenantId, request.SubjectId, why, request.RequestedBy, cancellationToken).ConfigureAwait(false);
            if (request.ReleasedKeyIds.Count > 0)
            {
                released = await shredder.DestroyRetainedKeysAsync(request.TenantId, request.ReleasedKeyIds, why, request.RequestedBy, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        else
        {
            outcome = await shredder.OffboardTenantAsync(request.TenantId, why, request.RequestedBy, cancellationToken).ConfigureAwait(false);
        }

        // Everything else about the subject (or tenant) besides records, now that no new state can be written for it.
        var erased = request.Scope == ErasureScope.Subject
            ? await subjectState.EraseAsync(request, cancellationToken).ConfigureAwait(false)
            : await tenantState.EraseAsync(request, cancellationToken).ConfigureAwait(false);
        if (erased is null)
        {
            return null;
        }

        request = erased;
        var last = released ?? outcome;
        var keyIds = outcome.KeyIds.Concat(released?.KeyIds ?? []).Distinct().ToList();
        var kept = tenantGone || request.RetainedKeyId is null ? [] : request.Blocked.Where(b => b.RecordId != ErasureBlocks.AnyRecord).ToList();
        var receipt = new DeletionReceipt(
            request.RequestId, request.TenantId, request.Scope, request.SubjectId, keyIds, request.RecordCounts!, request.ReceivedAt, request.DueAt,
            last.ShreddedAt, last.RecordBackupsAgeOutBy, last.KeyVaultBackupsAgeOutBy)
        {
            Kept = kept, RetainedKeyId = kept.Count > 0 ? request.RetainedKeyId : null, AlsoErased = request.AlsoErased ?? [],
        };
        var signed = signer.Sign(receipt);
        // With parts, this is where the last part executes: the requester is told once, when nothing is left to erase.
        var told = await notifications.NotifyReceiptAsync(request, receipt, signed, cancellationToken).ConfigureAwait(false);
        var executed = request with
        {
            NobodyToNotify = !told,
            State = ErasureState.Executed, ExecutedAt = last.ShreddedAt, KeyIds = keyIds, Receipt = signed, Blocked = kept, LeaseOwner = null, LeaseUntil = null,
            KeptCheckAt = kept.Count > 0 ? clock.Now() + KeptRecordSweep.RecheckInterval : null,
        };
        return await requests.TryReplaceAsync(executed, request.Version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What the execution will do, decided once and stored: for a subject, the records kept and the retained
    /// key they go under, earlier retained keys to destroy, and the records destroyed per collection (for a
    /// subject erased before, only the kept records now released); for a tenant, a refusal if anything is kept.
    /// </summary>
    private async Task<ErasureRequest> PlanAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        var blocked = await blocks.FindAsync(request.TenantId, request.Scope, request.SubjectId, clock.Now(), cancellationToken).ConfigureAwait(false);
        if (request.Scope == ErasureScope.Tenant)
        {
            return blocked.Count > 0
                ? request with { State = ErasureState.Refused, RefusalReason = ErasureBlocks.Describe(blocked), Blocked = blocked, LeaseOwner = null, LeaseUntil = null }
                : request with { RecordCounts = await census.CountByCollectionAsync(request.TenantId, null, cancellationToken).ConfigureAwait(false) };
        }

        var subject = request.SubjectId!;
        var records = await census.ListSubjectRecordsAsync(request.TenantId, subject, ErasureBlocks.ScanLimit, cancellationToken).ConfigureAwait(false);
        var erasedBefore = await shredder.SubjectErasedAtAsync(request.TenantId, subject, cancellationToken).ConfigureAwait(false) is not null;
        if (erasedBefore)
        {
            // The subject's other records became unreadable with its key: a hold placed since cannot keep them (they wait
            // for the purge), only records already under a retained key can still be kept.
            var retained = records.Where(r => r.RetainedKeyId is not null).Select(r => (r.Collection, r.RecordId)).ToHashSet();
            blocked = blocked.Where(b => b.RecordId == ErasureBlocks.AnyRecord || retained.Contains((b.Collection, b.RecordId))).ToList();
        }

        var kept = blocked.Where(b => b.RecordId != ErasureBlocks.AnyRecord).Select(b => (b.Collection, b.RecordId)).ToHashSet();
        var released = records.Where(r => r.RetainedKeyId is not null).Select(r => r.RetainedKeyId!.Value).Distinct().ToList();
        Dictionary<string, long> counts;
        if (erasedBefore)
        {
            counts = records.Where(r => r.RetainedKeyId is not null && !kept.Contains((r.Collection, r.RecordId)))
                .GroupBy(r => r.Collection).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        }
        else
        {
            counts = new Dictionary<string, long>(
                await census.CountByCollectionAsync(request.TenantId, subject, cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
            foreach (var collection in kept.Select(k => k.Collection))
            {
                counts[collection] = counts.GetValueOrDefault(collection) - 1;
            }
        }

        foreach (var empty in counts.Where(c => c.Value <= 0).Select(c => c.Key).ToList())
        {
            counts.Remove(empty);
        }

        return request with
        {
            RecordCounts = counts, Blocked = blocked, RetainedKeyId = kept.Count > 0 ? Guid.NewGuid() : null, ReleasedKeyIds = released,
        };
    }
}
