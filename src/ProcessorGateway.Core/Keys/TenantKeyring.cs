using System.Security.Cryptography;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Core.Keys;

/// <summary>Creates a tenant's keys and hands out unwrapped ones, from the cache or by unwrapping.</summary>
public sealed class TenantKeyring(IKeyVault vault, IKeyWrapper wrapper, UnwrappedKeyCache cache, TimeProvider time)
{
    /// <summary>Generates, wraps and stores a new key; only its name leaves this method.</summary>
    public async Task<KeyReference> CreateKeyAsync(string tenantId, KeyKind kind, CancellationToken cancellationToken)
    {
        var reference = new KeyReference(Guid.NewGuid(), 1);
        using var key = KeyMaterial.Generate(tenantId, kind, reference);
        var bytes = key.InsecureCopyForWrapping();
        try
        {
            var wrapped = wrapper.Wrap(tenantId, kind, reference, bytes);
            await vault.InsertAsync(new WrappedKey(tenantId, kind, reference, wrapped, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }

        return reference;
    }

    public Task<KeyMaterial> GetDataKeyAsync(Tenant tenant, CancellationToken cancellationToken) =>
        GetAsync(tenant.TenantId, KeyKind.Data, tenant.DataKey, cancellationToken);

    public Task<KeyMaterial> GetIndexKeyAsync(Tenant tenant, CancellationToken cancellationToken) =>
        GetAsync(tenant.TenantId, KeyKind.Index, tenant.IndexKey, cancellationToken);

    /// <summary>The key a ciphertext names; it must belong to the tenant and be of the kind asked for.</summary>
    public async Task<KeyMaterial> GetAsync(string tenantId, KeyKind kind, KeyReference reference, CancellationToken cancellationToken)
    {
        if (cache.TryGet(tenantId, reference.Id, out var cached))
        {
            return cached.Kind == kind && cached.Reference == reference ? cached : throw DomainErrors.KeyUnavailable(tenantId);
        }

        var stored = await vault.FindAsync(tenantId, reference.Id, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Kind != kind || stored.Reference != reference || stored.TenantId != tenantId)
        {
            throw DomainErrors.KeyUnavailable(tenantId);
        }

        byte[] bytes;
        try
        {
            bytes = wrapper.Unwrap(tenantId, kind, reference, stored.Wrapped);
        }
        catch (CryptographicException e)
        {
            throw new DomainException(DomainErrorKind.FailedPrecondition, $"tenant '{tenantId}' has a key that cannot be unwrapped", "tenant_id", e);
        }

        return cache.Add(new KeyMaterial(tenantId, kind, reference, bytes));
    }
}
