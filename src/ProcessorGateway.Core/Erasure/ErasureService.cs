using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Core.Offboarding;
using ProcessorGateway.Core.Paging;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// Erasure requests: received → verified → executed (keys shredded) → purged, or refused with a stated
/// reason. Deadlines are counted in business days on the tenant's calendar, one per part (data class) of
/// the request, plus one for verification (<see cref="ErasureDeadlines"/>). Every transition is a
/// conditional replace, so a retried call returns the state it already reached.
/// </summary>
public sealed class ErasureService(
    IErasureRequestStore requests, ErasurePolicyService policies, ErasureBlocks blocks, ErasureExecutor executor, IErasureCensus census,
    ISchemaRepository schemas, ITenantRepository tenants, NotificationService notifications, RequesterContacts contacts, ErasureClock clock,
    ErasureSettings settings, Pager pager)
{
    /// <summary>Records a request whose parts follow the data classes of the collections holding the target's records.</summary>
    /// <param name="contactAddress">The requester's e-mail address, to tell them the outcome: stored only encrypted (see <see cref="RequesterContacts"/>).</param>
    public async Task<ErasureRequest> RequestAsync(
        string tenantId, ErasureScope scope, string? subjectId, string? reason, string actor, string? contactAddress, CancellationToken cancellationToken)
    {
        var why = Identifiers.Reason(reason);
        var contact = RequesterContacts.Validate(contactAddress);
        var subject = scope == ErasureScope.Subject ? Identifiers.RecordId(subjectId, "subject_id") : null;
        if (scope == ErasureScope.Tenant && !string.IsNullOrEmpty(subjectId))
        {
            throw DomainErrors.Invalid("subject_id", "must be empty when the whole tenant is erased");
        }

        var tenant = (await tenants.FindAsync(tenantId, cancellationToken).ConfigureAwait(false) ?? throw DomainErrors.TenantNotFound(tenantId)).RequireActive();
        var now = clock.Now();
        var calendar = await policies.CalendarAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var holding = await census.CountByCollectionAsync(tenantId, subject, cancellationToken).ConfigureAwait(false);
        var classes = (await schemas.ListLatestAsync(tenantId, cancellationToken).ConfigureAwait(false))
            .ToDictionary(s => s.Collection, s => s.DataClass, StringComparer.Ordinal);
        var request = new ErasureRequest(Guid.NewGuid().ToString("N"), tenantId, scope, subject, ErasureState.Received, why, actor, now, 1)
        {
            Parts = ErasureDeadlines.PartsAtReceipt(holding.Keys, classes, now, calendar),
            VerificationDueAt = calendar.AddBusinessDays(now, calendar.VerificationPeriodBusinessDays),
        };
        if (contact is not null)
        {
            var (contactKeyId, sealedAddress) = await contacts.SealAsync(tenant, request.RequestId, contact, cancellationToken).ConfigureAwait(false);
            request = request with { ContactKeyId = contactKeyId, ContactAddress = sealedAddress };
        }

        var stored = await requests.InsertOrGetOpenAsync(request, cancellationToken).ConfigureAwait(false);
        if (stored.RequestId != request.RequestId)
        {
            // The open request already recorded stands: the address given with this one is not kept.
            if (request.ContactKeyId is { } unused)
            {
                await contacts.DestroyAsync(tenantId, unused, "an open erasure request for the same target already existed", cancellationToken).ConfigureAwait(false);
            }

            return stored;
        }

        var checkedRequest = await CheckBlocksAsync(stored, now, cancellationToken).ConfigureAwait(false);
        return checkedRequest.State == ErasureState.Refused || checkedRequest.Blocked.Count == 0
            ? checkedRequest
            : await ReplaceAsync(checkedRequest, stored.Version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records who verified the request, when, and what they checked; each part then executes after the grace period.</summary>
    /// <param name="verifierIsOperator">A whole tenant's request is verified only by an operator client other than its requester.</param>
    public async Task<ErasureRequest> VerifyAsync(
        string tenantId, string? requestId, string? note, string verifiedBy, bool verifierIsOperator, CancellationToken cancellationToken)
    {
        var checkedWhat = Identifiers.Reason(note, "note");
        var request = await GetAsync(tenantId, requestId, cancellationToken).ConfigureAwait(false);
        if (request.State is ErasureState.Verified or ErasureState.Executing or ErasureState.Executed or ErasureState.Purged)
        {
            return request;
        }

        if (request.State != ErasureState.Received)
        {
            throw WrongState(request, "verified");
        }

        if (request.Scope == ErasureScope.Tenant)
        {
            // Verifying a tenant's request approves its destruction: a second operator, as for KeyService.OffboardTenant.
            if (!verifierIsOperator)
            {
                throw DomainErrors.OperatorOnly($"client {verifiedBy} of tenant {tenantId}", "verify a whole tenant's erasure", "request_id");
            }

            if (string.Equals(request.RequestedBy, verifiedBy, StringComparison.Ordinal))
            {
                throw OffboardingErrors.SameOperator($"the erasure of tenant '{tenantId}' (request '{request.RequestId}')", verifiedBy, "request_id");
            }
        }

        var now = clock.Now();
        var blocked = await CheckBlocksAsync(request, now, cancellationToken).ConfigureAwait(false);
        if (blocked.State == ErasureState.Refused)
        {
            return blocked;
        }

        var calendar = await policies.CalendarAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var verified = blocked with
        {
            State = ErasureState.Verified,
            VerifiedAt = now,
            VerifiedBy = verifiedBy,
            VerificationNote = checkedWhat,
            Parts = ErasureDeadlines.PartsAtVerification(request.Parts, now, calendar, settings),
        };
        return await ReplaceAsync(verified, request.Version, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ErasureRequest> RefuseAsync(string tenantId, string? requestId, string? reason, CancellationToken cancellationToken)
    {
        var why = Identifiers.Reason(reason);
        var request = await GetAsync(tenantId, requestId, cancellationToken).ConfigureAwait(false);
        return request.State switch
        {
            ErasureState.Refused => request,
            ErasureState.Received or ErasureState.Verified =>
                await RefuseAsync(request with { State = ErasureState.Refused, RefusalReason = why }, request.Version, cancellationToken).ConfigureAwait(false),
            _ => throw WrongState(request, "refused"),
        };
    }

    /// <summary>Executes every part of a verified request now, before its deadlines; a request executed already comes back as it is.</summary>
    public async Task<ErasureRequest> ExecuteNowAsync(string tenantId, string? requestId, CancellationToken cancellationToken)
    {
        var request = await GetAsync(tenantId, requestId, cancellationToken).ConfigureAwait(false);
        if (request.State is ErasureState.Executed or ErasureState.Purged)
        {
            return request;
        }

        if (request.State != ErasureState.Verified)
        {
            throw request.State == ErasureState.Executing ? Busy(request.RequestId) : WrongState(request, "executed before it is verified");
        }

        var now = clock.Now();
        var claimed = await requests.ClaimAsync(tenantId, request.RequestId, now, executor.Owner, now + settings.Lease, cancellationToken).ConfigureAwait(false)
            ?? throw Busy(request.RequestId);
        return await executor.ExecuteAsync(claimed, allParts: true, cancellationToken).ConfigureAwait(false) ?? throw Busy(request.RequestId);
    }

    public async Task<ErasureRequest> GetAsync(string tenantId, string? requestId, CancellationToken cancellationToken)
    {
        var id = Identifiers.RecordId(requestId, "request_id");
        return await requests.FindAsync(tenantId, id, cancellationToken).ConfigureAwait(false) ?? throw DomainErrors.NotFound("erasure request", id, "request_id");
    }

    /// <summary>
    /// Lists by state; <paramref name="overdue"/>: open and past its next deadline (verification's while unverified, else
    /// the earliest open part's); <paramref name="dueSoon"/>: open and that deadline within the window.
    /// </summary>
    public async Task<Page<ErasureRequest>> ListAsync(
        string tenantId, ErasureState? state, bool dueSoon, bool overdue, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var request = pager.Open(PageScope.Of(tenantId, "ListErasureRequests", state?.ToString(), dueSoon ? "due_soon" : null, overdue ? "overdue" : null),
            pageSize, pageToken);
        var now = clock.Now();
        DateTimeOffset? before = overdue ? now : dueSoon ? now + settings.DueSoonWindow : null;
        DateTimeOffset? after = dueSoon && !overdue ? now : null;
        var found = await requests.ListAsync(tenantId, new ErasureFilter(state, before, after, ErasureRequestPosition.Parse(request.After), request.Size + 1),
            cancellationToken).ConfigureAwait(false);
        return pager.Cut(request, found, ErasureRequestPosition.Of);
    }

    /// <summary>
    /// A whole tenant with anything kept is refused (stored, and sent to the tenant's channels); a subject's
    /// request comes back (not stored) listing what will be kept while the rest is erased.
    /// </summary>
    private async Task<ErasureRequest> CheckBlocksAsync(ErasureRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var blocked = await blocks.FindAsync(request.TenantId, request.Scope, request.SubjectId, now, cancellationToken).ConfigureAwait(false);
        if (request.Scope == ErasureScope.Subject || blocked.Count == 0)
        {
            return request with { Blocked = blocked };
        }

        return await RefuseAsync(request with { State = ErasureState.Refused, RefusalReason = ErasureBlocks.Describe(blocked), Blocked = blocked },
            request.Version, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ErasureRequest> RefuseAsync(ErasureRequest refused, long expectedVersion, CancellationToken cancellationToken)
    {
        var stored = await ReplaceAsync(refused, expectedVersion, cancellationToken).ConfigureAwait(false);
        return await notifications.NotifyRefusalAsync(stored, cancellationToken).ConfigureAwait(false)
            ? stored
            : await ReplaceAsync(stored with { NobodyToNotify = true }, stored.Version, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ErasureRequest> ReplaceAsync(ErasureRequest request, long expectedVersion, CancellationToken cancellationToken) =>
        await requests.TryReplaceAsync(request, expectedVersion, cancellationToken).ConfigureAwait(false) ?? throw Busy(request.RequestId);

    private static DomainException WrongState(ErasureRequest request, string action) =>
        DomainErrors.WrongState($"erasure request '{request.RequestId}'", request.State.ToString().ToLowerInvariant(), action, "request_id");

    private static DomainException Busy(string requestId) => DomainErrors.ChangedMeanwhile($"erasure request '{requestId}'", "request_id");
}
