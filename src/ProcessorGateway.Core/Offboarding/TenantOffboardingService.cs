using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Offboarding;

/// <summary>
/// Destroying a whole tenant takes two operators: one asks (<see cref="RequestAsync"/>), a different operator client
/// approves within the window (<see cref="ApproveAsync"/>), and only then is every key shredded. One stolen operator
/// credential, or one mistaken command, destroys nothing. The approval is stored before the shred, so a repeated
/// approval completes a shred cut short, and replays one that finished.
/// </summary>
public sealed class TenantOffboardingService(
    ITenantOffboardingStore requests, ITenantRepository tenants, ShredService shredder, ErasureClock clock, OffboardingSettings settings)
{
    public const string ApprovalField = "approval_request_id";
    private const string RequestField = "request_id";

    /// <summary>Records a pending request; the tenant works on until a second operator approves. A pending one is returned as it is.</summary>
    public async Task<TenantOffboarding> RequestAsync(string tenantId, string? reason, string requestedBy, CancellationToken cancellationToken)
    {
        var why = Identifiers.Reason(reason);
        (await tenants.FindAsync(tenantId, cancellationToken).ConfigureAwait(false) ?? throw DomainErrors.TenantNotFound(tenantId)).RequireActive();
        var now = clock.Now();
        var request = new TenantOffboarding(Guid.NewGuid().ToString("N"), tenantId, why, requestedBy, now, now + settings.ApprovalWindow, TenantOffboardingState.Pending, 1);
        return Read(await requests.InsertOrGetPendingAsync(request, now, cancellationToken).ConfigureAwait(false), now);
    }

    public async Task<TenantOffboarding> GetAsync(string tenantId, string? requestId, CancellationToken cancellationToken) =>
        Read(await FindAsync(tenantId, requestId, RequestField, cancellationToken).ConfigureAwait(false), clock.Now());

    /// <summary>Withdraws a pending request (any operator may); a cancelled or expired one comes back as it is.</summary>
    public async Task<TenantOffboarding> CancelAsync(string tenantId, string? requestId, string cancelledBy, CancellationToken cancellationToken)
    {
        var request = await FindAsync(tenantId, requestId, RequestField, cancellationToken).ConfigureAwait(false);
        var now = clock.Now();
        switch (request.StateAt(now))
        {
            case TenantOffboardingState.Approved:
                throw OffboardingErrors.AlreadyApproved(request, RequestField);
            case TenantOffboardingState.Pending:
                var cancelled = request with { State = TenantOffboardingState.Cancelled, CancelledBy = cancelledBy, CancelledAt = now };
                return await requests.TryReplaceAsync(cancelled, request.Version, cancellationToken).ConfigureAwait(false)
                    ?? throw OffboardingErrors.ChangedMeanwhile(request.RequestId, RequestField);
            default:
                return Read(request, now);
        }
    }

    /// <summary>
    /// Approves the request as <paramref name="approvedBy"/>, who must not be its requester, within its window, and shreds the
    /// tenant. Approving an approved request again completes or replays its shred.
    /// </summary>
    public async Task<TenantOffboardingOutcome> ApproveAsync(string tenantId, string? requestId, string approvedBy, CancellationToken cancellationToken)
    {
        var request = await FindAsync(tenantId, requestId, ApprovalField, cancellationToken).ConfigureAwait(false);
        if (string.Equals(request.RequestedBy, approvedBy, StringComparison.Ordinal))
        {
            throw OffboardingErrors.SameOperator($"offboarding request '{request.RequestId}'", approvedBy, ApprovalField);
        }

        var now = clock.Now();
        request = request.StateAt(now) switch
        {
            TenantOffboardingState.Expired => throw OffboardingErrors.Expired(request, ApprovalField),
            TenantOffboardingState.Cancelled => throw OffboardingErrors.Cancelled(request, ApprovalField),
            TenantOffboardingState.Pending => await requests.TryReplaceAsync(
                    request with { State = TenantOffboardingState.Approved, ApprovedBy = approvedBy, ApprovedAt = now }, request.Version, cancellationToken)
                .ConfigureAwait(false) ?? throw OffboardingErrors.ChangedMeanwhile(request.RequestId, ApprovalField),
            _ => request,
        };

        // The ledger names the approver, whose call destroyed the keys; the request, kept, names both.
        var shred = await shredder.OffboardTenantAsync(tenantId, request.Reason, request.ApprovedBy ?? approvedBy, cancellationToken).ConfigureAwait(false);
        return new TenantOffboardingOutcome(request, shred);
    }

    private async Task<TenantOffboarding> FindAsync(string tenantId, string? requestId, string field, CancellationToken cancellationToken)
    {
        var id = Identifiers.RecordId(requestId, field);
        return await requests.FindAsync(tenantId, id, cancellationToken).ConfigureAwait(false) ?? throw OffboardingErrors.NotFound(id, field);
    }

    /// <summary>As the caller should read it: a pending request past its window reads expired.</summary>
    private static TenantOffboarding Read(TenantOffboarding request, DateTimeOffset now) => request with { State = request.StateAt(now) };
}
