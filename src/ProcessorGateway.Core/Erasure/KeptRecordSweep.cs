using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Shredding;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// Erases what an erasure kept once nothing keeps it: for each executed request with a live retained key,
/// checks its kept records against the holds and rules now in force; when any is released (a hold lifted,
/// a retention period over), it files a follow-up request for the subject, verifies it and executes it,
/// which keeps what is still held under a new retained key and destroys the old one. The person asked to
/// be erased already, so no second verification by the institution is awaited.
/// </summary>
public sealed class KeptRecordSweep(
    IErasureRequestStore requests, ErasureBlocks blocks, IShredLedger ledger, ErasureService erasure, ErasureClock clock)
{
    /// <summary>
    /// How long after a check (or the execution) kept records are looked at again. Holds and retention
    /// periods end on a scale of days; an hour keeps the work small and the delay short.
    /// </summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromHours(1);

    /// <summary>Who files the follow-up requests, in the request and the shred ledger.</summary>
    public const string Actor = "job:erasure";

    /// <returns>How many follow-up requests were executed.</returns>
    public async Task<int> RunAsync(int limit, CancellationToken cancellationToken)
    {
        var executed = 0;
        var now = clock.Now();
        foreach (var request in await requests.ListKeepingAsync(now, limit, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                executed += await CheckAsync(request, now, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            catch (DomainException e) when (e.Kind is DomainErrorKind.FailedPrecondition or DomainErrorKind.NotFound or DomainErrorKind.Unavailable or DomainErrorKind.Aborted)
            {
                // One request that cannot go on now (its tenant offboarding, a busy follow-up) waits for its next check.
                await requests.TryReplaceAsync(request with { KeptCheckAt = now + RecheckInterval }, request.Version, cancellationToken).ConfigureAwait(false);
            }
        }

        return executed;
    }

    private async Task<bool> CheckAsync(ErasureRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Destroyed already (by a later request, or with the whole tenant): nothing of this request is kept.
        if (await ledger.FindAsync(request.RetainedKeyId!.Value, cancellationToken).ConfigureAwait(false) is not null)
        {
            await requests.TryReplaceAsync(request with { KeptReleased = true }, request.Version, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var held = (await blocks.FindAsync(request.TenantId, ErasureScope.Subject, request.SubjectId, now, cancellationToken).ConfigureAwait(false))
            .Select(b => (b.Collection, b.RecordId)).ToHashSet();
        if (request.Blocked.Where(b => b.RecordId != ErasureBlocks.AnyRecord).All(b => held.Contains((b.Collection, b.RecordId))))
        {
            await requests.TryReplaceAsync(request with { KeptCheckAt = now + RecheckInterval }, request.Version, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var followUp = await erasure.RequestAsync(request.TenantId, ErasureScope.Subject, request.SubjectId,
            $"records kept by erasure request {request.RequestId} are no longer held or retained", Actor, null, cancellationToken).ConfigureAwait(false);
        if (followUp.RequestedBy != Actor)
        {
            // Someone else's open request for the subject will destroy the old retained key when it executes; until then
            // this request is looked at again only at the next recheck, not on every pass.
            await requests.TryReplaceAsync(request with { KeptCheckAt = now + RecheckInterval }, request.Version, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var verified = await erasure.VerifyAsync(request.TenantId, followUp.RequestId,
            $"follow-up of verified erasure request {request.RequestId}", Actor, verifierIsOperator: false, cancellationToken).ConfigureAwait(false);
        var done = await erasure.ExecuteNowAsync(request.TenantId, verified.RequestId, cancellationToken).ConfigureAwait(false);
        return done.State == ErasureState.Executed;
    }
}
