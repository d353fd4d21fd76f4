using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// Executes a claimed request, each step idempotent so a crashed execution resumes where it stopped:
/// check blocks and count the records (stored), shred (a replay returns the first shred), sign the
/// receipt (the same input signs the same), queue the notifications (one message id per channel),
/// then mark it executed under the claim's version.
/// </summary>
public sealed class ErasureExecutor(
    IErasureRequestStore requests, ErasureBlocks blocks, IErasureCensus census, ShredService shredder, IReceiptSigner signer,
    NotificationService notifications, ITenantRepository tenants, ErasureClock clock)
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
            var blocked = await blocks.FindAsync(request.TenantId, request.Scope, request.SubjectId, clock.Now(), cancellationToken).ConfigureAwait(false);
            if (blocked.Count > 0)
            {
                var refused = request with
                {
                    State = ErasureState.Refused, RefusalReason = ErasureBlocks.Describe(blocked), Blocked = blocked, LeaseOwner = null, LeaseUntil = null,
                };
                return await requests.TryReplaceAsync(refused, request.Version, cancellationToken).ConfigureAwait(false);
            }

            var counts = await census.CountByCollectionAsync(request.TenantId, request.SubjectId, cancellationToken).ConfigureAwait(false);
            var counted = await requests.TryReplaceAsync(request with { RecordCounts = counts }, request.Version, cancellationToken).ConfigureAwait(false);
            if (counted is null)
            {
                return null;
            }

            request = counted;
        }

        // A subject of a tenant offboarded meanwhile went with the tenant's keys: the offboarding (replayed,
        // or completed if it was cut short) is what destroyed the subject's data, and the receipt says so.
        var why = $"erasure request {request.RequestId}";
        var tenantGone = request.Scope == ErasureScope.Subject
            && await tenants.FindAsync(request.TenantId, cancellationToken).ConfigureAwait(false) is { Status: not TenantStatus.Active };
        var outcome = request.Scope == ErasureScope.Subject && !tenantGone
            ? await shredder.EraseSubjectAsync(request.TenantId, request.SubjectId, why, request.RequestedBy, cancellationToken).ConfigureAwait(false)
            : await shredder.OffboardTenantAsync(request.TenantId, why, request.RequestedBy, cancellationToken).ConfigureAwait(false);
        var receipt = new DeletionReceipt(
            request.RequestId, request.TenantId, request.Scope, request.SubjectId, outcome.KeyIds, request.RecordCounts!, request.ReceivedAt, request.DueAt,
            outcome.ShreddedAt, outcome.RecordBackupsAgeOutBy, outcome.KeyVaultBackupsAgeOutBy);
        var signed = signer.Sign(receipt);
        await notifications.NotifyReceiptAsync(receipt, signed, cancellationToken).ConfigureAwait(false);
        var executed = request with
        {
            State = ErasureState.Executed, ExecutedAt = outcome.ShreddedAt, KeyIds = outcome.KeyIds, Receipt = signed, LeaseOwner = null, LeaseUntil = null,
        };
        return await requests.TryReplaceAsync(executed, request.Version, cancellationToken).ConfigureAwait(false);
    }
}
