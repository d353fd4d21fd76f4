using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// Executes the due parts of a claimed request, each step idempotent so a crashed execution resumes where it
/// stopped. The first execution plans (holds and rules, record counts, the retained key for what must be kept,
/// and, when the institution-managed part executes later, the institution key its records wait under: all stored
/// before anything changes), moves the kept and the waiting records under their keys, shreds the subject key (a
/// replay returns the first shred) and destroys the retained keys of earlier erasures that nothing keeps any more.
/// A later execution destroys the institution key. Once every part is executed, the receipt is signed (the same
/// input signs the same), the notifications queued (one message id per channel), and the request marked executed
/// under the claim's version. A whole tenant's request executes every part at once, and is refused if anything is kept.
/// </summary>
public sealed class ErasureExecutor(
    IErasureRequestStore requests, ErasurePlanner planner, ShredService shredder, RecordRetainer retainer, IReceiptSigner signer,
    NotificationService notifications, ITenantRepository tenants, ErasureClock clock, SubjectStateEraser subjectState, TenantStateEraser tenantState)
{
    /// <summary>This process, as a lease owner.</summary>
    public string Owner { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <param name="allParts">Every verified part now (an operator's ExecuteErasure), not only those past their execute-after time.</param>
    /// <returns>The request as it now stands, or <c>null</c> when the lease was lost to another replica.</returns>
    public async Task<ErasureRequest?> ExecuteAsync(ErasureRequest claimed, bool allParts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var request = claimed;
        if (!request.Parts.Any(p => p.State == ErasureState.Executing))
        {
            request = Start(request, allParts || request.Scope == ErasureScope.Tenant, clock.Now());
            if (!request.Parts.Any(p => p.State == ErasureState.Executing))
            {
                // Claimed by a stale execute-after time: nothing is due after all.
                return await requests.TryReplaceAsync(Release(request), claimed.Version, cancellationToken).ConfigureAwait(false);
            }
        }

        var firstRun = !request.Parts.Any(p => p.State == ErasureState.Executed);
        var planned = firstRun ? request.RecordCounts is not null : request.Parts.Where(p => p.State == ErasureState.Executing).All(p => p.RecordCounts is not null);
        if (!planned)
        {
            var plan = firstRun
                ? await planner.PlanFirstAsync(request, cancellationToken).ConfigureAwait(false)
                : await planner.PlanLaterAsync(request, clock.Now(), cancellationToken).ConfigureAwait(false);
            var stored = await requests.TryReplaceAsync(plan, request.Version, cancellationToken).ConfigureAwait(false);
            if (stored is not null && stored.State == ErasureState.Refused && !await notifications.NotifyRefusalAsync(stored, cancellationToken).ConfigureAwait(false))
            {
                return await requests.TryReplaceAsync(stored with { NobodyToNotify = true }, stored.Version, cancellationToken).ConfigureAwait(false);
            }

            if (stored is null || stored.State != ErasureState.Executing)
            {
                return stored;
            }

            request = stored;
        }

        // A subject of a tenant offboarded meanwhile went with the tenant's keys: the offboarding (replayed,
        // or completed if it was cut short) is what destroyed the subject's data, kept records included.
        var why = $"erasure request {request.RequestId}";
        var tenantGone = request.Scope == ErasureScope.Subject
            && await tenants.FindAsync(request.TenantId, cancellationToken).ConfigureAwait(false) is { Status: not TenantStatus.Active };
        ShredOutcome? outcome = null;
        ShredOutcome? released = null;
        if (request.Scope == ErasureScope.Tenant || tenantGone)
        {
            outcome = await shredder.OffboardTenantAsync(request.TenantId, why, request.RequestedBy, cancellationToken).ConfigureAwait(false);
        }
        else if (firstRun)
        {
            // Kept and waiting records first: once the subject key is gone, nothing could move them any more.
            if (request.RetainedKeyId is not null)
            {
                await retainer.KeepAsync(request, cancellationToken).ConfigureAwait(false);
            }

            if (request.InstitutionKeyId is not null)
            {
                await retainer.DeferAsync(request, await planner.WaitingRecordsAsync(request, cancellationToken).ConfigureAwait(false), cancellationToken)
                    .ConfigureAwait(false);
            }

            // The personal-account part executes in this run (it is always part of the first); the person's profile,
            // consents and preferences, which it covers, are erased below once the key is gone.
            outcome = await shredder.EraseSubjectAsync(request.TenantId, request.SubjectId, why, request.RequestedBy, cancellationToken).ConfigureAwait(false);
            if (request.ReleasedKeyIds.Count > 0)
            {
                released = await shredder.DestroyRetainedKeysAsync(request.TenantId, request.ReleasedKeyIds, why, request.RequestedBy, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        else if (request.InstitutionKeyId is { } institutionKey)
        {
            outcome = await shredder.DestroyRetainedKeysAsync(request.TenantId, [institutionKey], why, request.RequestedBy, cancellationToken).ConfigureAwait(false);
        }

        // Everything else about the subject (or tenant) besides records, now that no new state can be written for it. The
        // personal-account part covers the person's profile, consents and preferences, so they go with the first run.
        if (firstRun)
        {
            var erased = request.Scope == ErasureScope.Subject
                ? await subjectState.EraseAsync(request, cancellationToken).ConfigureAwait(false)
                : await tenantState.EraseAsync(request, cancellationToken).ConfigureAwait(false);
            if (erased is null)
            {
                return null;
            }

            request = erased;
        }

        // One clock for deadlines and execution: executed_at is comparable with due_at.
        var executedAt = clock.Now();
        var keyIds = request.KeyIds.Concat(outcome?.KeyIds ?? []).Concat(released?.KeyIds ?? []).Distinct().ToList();
        var parts = request.Parts.Select(p => p.State == ErasureState.Executing ? p with { State = ErasureState.Executed, ExecutedAt = executedAt } : p).ToList();
        var progressed = request with { Parts = parts, KeyIds = keyIds };
        if (parts.Any(p => p.IsOpen))
        {
            return await requests.TryReplaceAsync(Release(progressed), request.Version, cancellationToken).ConfigureAwait(false);
        }

        var last = released ?? outcome;
        var kept = tenantGone || request.RetainedKeyId is null ? [] : request.Blocked.Where(b => b.RecordId != ErasureBlocks.AnyRecord).ToList();
        // The first execution's counts, and those of the part that waited under the institution key.
        var later = request.InstitutionKeyId is null ? null : parts.FirstOrDefault(p => p.Class == DataClass.InstitutionManaged)?.RecordCounts;
        var counts = (request.RecordCounts ?? new Dictionary<string, long>()).Concat(later ?? new Dictionary<string, long>())
            .GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);
        var receipt = new DeletionReceipt(
            request.RequestId, request.TenantId, request.Scope, request.SubjectId, keyIds, counts, request.ReceivedAt, parts.Min(p => p.DueAt),
            executedAt, last?.RecordBackupsAgeOutBy ?? executedAt, last?.KeyVaultBackupsAgeOutBy ?? executedAt)
        {
            Kept = kept, RetainedKeyId = kept.Count > 0 ? request.RetainedKeyId : null, AlsoErased = request.AlsoErased ?? [],

            // A whole tenant is destroyed on two operators' word: the one who asked, and the other who verified.
            RequestedBy = request.Scope == ErasureScope.Tenant ? request.RequestedBy : null,
            ApprovedBy = request.Scope == ErasureScope.Tenant ? request.VerifiedBy : null,
        };
        var signed = signer.Sign(receipt);
        // With parts, this is where the last part executes: the requester is told once, when nothing is left to erase.
        var told = await notifications.NotifyReceiptAsync(request, receipt, signed, cancellationToken).ConfigureAwait(false);
        var executed = progressed with
        {
            NobodyToNotify = !told,
            State = ErasureState.Executed, ExecutedAt = executedAt, RecordCounts = counts, Receipt = signed, Blocked = kept, LeaseOwner = null, LeaseUntil = null,
            KeptCheckAt = kept.Count > 0 ? executedAt + KeptRecordSweep.RecheckInterval : null,
        };
        return await requests.TryReplaceAsync(executed, request.Version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Marks the parts to execute now: those past their execute-after time (or every verified one). The
    /// personal-account part goes with any other, as the subject key it is under covers them all.
    /// </summary>
    internal static ErasureRequest Start(ErasureRequest request, bool allParts, DateTimeOffset now)
    {
        var due = request.Parts.Where(p => p.State == ErasureState.Verified && (allParts || p.ExecuteAfter is not { } at || at <= now)).ToList();
        if (due.Count > 0 && request.Part(DataClass.PersonalAccount) is { State: ErasureState.Verified } personal && !due.Contains(personal))
        {
            due.Add(personal);
        }

        return request with { Parts = request.Parts.Select(p => due.Contains(p) ? p with { State = ErasureState.Executing } : p).ToList() };
    }

    private static ErasureRequest Release(ErasureRequest request) => request with
    {
        State = ErasureState.Verified,
        Parts = request.Parts.Select(p => p.State == ErasureState.Executing ? p with { State = ErasureState.Verified } : p).ToList(),
        LeaseOwner = null,
        LeaseUntil = null,
    };
}
