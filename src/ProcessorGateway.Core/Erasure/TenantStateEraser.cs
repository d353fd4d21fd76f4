using ProcessorGateway.Core.Clients;
using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Subjects;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// Offboarding removes everything of the tenant, not only its records (which the purge removes): its subjects' profiles,
/// consents and preferences, schemas, OAuth clients (so no token is issued or accepted for them any more), legal holds,
/// retention rules, calendar, every other erasure request and idempotency keys. Kept: the offboarding request itself (it
/// holds the receipt), the tenant document (its shredded status refuses every call, and keeps the id from being
/// registered again under the purge's feet), the shred ledger, the purge log and the audit chain. The notification
/// channels go last, in <see cref="RetireChannelsAsync"/>: the receipt is delivered to them after execution.
/// Runs after the tenant's keys are shredded, when no call for the tenant is served; every step is idempotent.
/// </summary>
public sealed class TenantStateEraser(
    IErasureRequestStore requests, IErasedStateCensus census, ISubjectProfileStore profiles, IConsentStore consents,
    ICommunicationPreferenceStore preferences, ISchemaRepository schemas, IClientRegistry clients, IErasurePolicyStore policies,
    IIdempotencyStore idempotency, INotificationChannelStore channels)
{
    /// <returns>The request with what was erased in <see cref="ErasureRequest.AlsoErased"/>, or <c>null</c> when the lease was lost.</returns>
    public async Task<ErasureRequest?> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = request.TenantId;
        var counted = await ErasedStateCounts.StoreOnceAsync(
            requests, request, () => census.CountTenantAsync(tenant, request.RequestId, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (counted is null)
        {
            return null;
        }

        // Clients first: whatever else happens, no token is issued to them from here on.
        await clients.DeleteTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        await profiles.DeleteTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        await consents.DeleteTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        await preferences.DeleteTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        await schemas.DeleteTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        await policies.DeleteTenantHoldsAsync(tenant, cancellationToken).ConfigureAwait(false);
        await policies.DeleteTenantRulesAsync(tenant, cancellationToken).ConfigureAwait(false);
        await policies.DeleteCalendarAsync(tenant, cancellationToken).ConfigureAwait(false);
        await requests.DeleteTenantAsync(tenant, request.RequestId, cancellationToken).ConfigureAwait(false);
        await idempotency.DeleteTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        return counted;
    }

    /// <summary>
    /// The offboarded tenant's notification channels, once every message to them is delivered or given up: the purge
    /// calls this before it removes the tenant's records, and waits for the next pass while messages remain.
    /// </summary>
    /// <returns><c>false</c> while the offboarding still executes (its receipt is not queued yet) or messages wait for delivery.</returns>
    public async Task<bool> RetireChannelsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var executing = await requests.ListAsync(tenantId, new ErasureFilter(ErasureState.Executing, null, null, null, 1), cancellationToken).ConfigureAwait(false);
        return executing.Count == 0
            && await channels.DeleteTenantWhenDrainedAsync(tenantId, cancellationToken).ConfigureAwait(false) is not null;
    }
}
