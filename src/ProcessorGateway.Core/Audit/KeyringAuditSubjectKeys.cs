using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Core.Audit;

/// <summary>
/// The subject keys from the tenant keyring, which keeps them cached: the call being audited has usually
/// just used the same key. A key that is gone (shredded, tenant offboarded or unknown) is <c>null</c>.
/// </summary>
public sealed class KeyringAuditSubjectKeys(TenantService tenants, TenantKeyring keyring) : IAuditSubjectKeys
{
    public Task<KeyMaterial?> FindAsync(string tenantId, string subjectId, bool create, CancellationToken cancellationToken) =>
        OrNullAsync(async () =>
        {
            var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
            return create
                ? await keyring.GetSubjectKeyAsync(tenant, subjectId, cancellationToken).ConfigureAwait(false)
                : await keyring.FindSubjectKeyAsync(tenant, subjectId, cancellationToken).ConfigureAwait(false);
        });

    public Task<KeyMaterial?> FindAsync(string tenantId, KeyReference key, CancellationToken cancellationToken) =>
        OrNullAsync(async () => await keyring.GetAsync(tenantId, KeyKind.Subject, key, cancellationToken).ConfigureAwait(false));

    /// <summary>Erased, unknown, inactive: no key. An outage is not "no key", and fails the caller.</summary>
    private static async Task<KeyMaterial?> OrNullAsync(Func<Task<KeyMaterial?>> find)
    {
        try
        {
            return await find().ConfigureAwait(false);
        }
        catch (DomainException e) when (e.Kind is DomainErrorKind.FailedPrecondition or DomainErrorKind.NotFound or DomainErrorKind.InvalidArgument)
        {
            return null;
        }
    }
}
