using System.Security.Cryptography;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Core.Keys;

/// <summary>
/// Creates keys and hands out unwrapped ones, from the cache or by unwrapping: tenant keys under the
/// root key ring, subject keys under their tenant's data key. A key whose id is in the shred ledger is
/// never handed out, even if a restored backup brought its wrapped bytes back. Every key handed out
/// carries a reference the caller disposes, so evicted keys are wiped once no request uses them.
/// </summary>
public sealed class TenantKeyring(
    IKeyVault vault, IKeyWrapper wrapper, IShredLedger ledger, UnwrappedKeyCache cache, IReplicaLease lease, TimeProvider time)
{
    // Filling the cache and evicting from it are serialised per key id, so a load that read a wrapped
    // key just before a shred cannot cache it just after the shred evicted it (docs/design.md §4).
    private readonly SemaphoreSlim[] _fillLocks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Generates, wraps and stores a new tenant key; only its name leaves this method.</summary>
    public async Task<KeyReference> CreateKeyAsync(string tenantId, KeyKind kind, CancellationToken cancellationToken, int version = 1)
    {
        if (kind is KeyKind.Subject or KeyKind.Retained or KeyKind.Contact)
        {
            throw new ArgumentException("subject, retained and contact keys are created with GetSubjectKeyAsync, GetOrCreateRetainedKeyAsync and CreateContactKeyAsync", nameof(kind));
        }

        var reference = new KeyReference(Guid.NewGuid(), version);
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

    /// <summary>The subject's key, created on first use. A subject whose key was shredded gets no new one.</summary>
    public async Task<KeyMaterial> GetSubjectKeyAsync(Tenant tenant, string subjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return await FindSubjectKeyAsync(tenant, subjectId, cancellationToken).ConfigureAwait(false)
            ?? await LoadAsync(await CreateSubjectKeyAsync(tenant, subjectId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The subject's key if it has one; <c>null</c> when it has none, and none is created (a query must not create one).</summary>
    public async Task<KeyMaterial?> FindSubjectKeyAsync(Tenant tenant, string subjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (lease.CanUseCachedKeys && cache.TryGetSubject(tenant.TenantId, subjectId, out var cached))
        {
            return cached;
        }

        var stored = await vault.FindSubjectKeyAsync(tenant.TenantId, subjectId, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : await LoadAsync(stored, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The retained key with this id, created (wrapped by the tenant's data key) if the vault has none yet.
    /// The id is chosen and stored by the erasure before this runs, so a resumed erasure gets the same key.
    /// </summary>
    public async Task<KeyMaterial> GetOrCreateRetainedKeyAsync(Tenant tenant, Guid keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var stored = await vault.FindAsync(tenant.TenantId, keyId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            using var tenantKey = await GetDataKeyAsync(tenant, cancellationToken).ConfigureAwait(false);
            using var retained = KeyMaterial.Generate(tenant.TenantId, KeyKind.Retained, new KeyReference(keyId, 1));
            stored = new WrappedKey(tenant.TenantId, KeyKind.Retained, retained.Reference,
                KeyWrap.Wrap(tenantKey, retained, WrappedKey.RetainedBinding(keyId)), time.GetUtcNow(), null, tenantKey.Reference);
            await vault.InsertAsync(stored, cancellationToken).ConfigureAwait(false);
        }

        if (stored.Kind != KeyKind.Retained)
        {
            throw DomainErrors.KeyUnavailable(tenant.TenantId);
        }

        return await LoadAsync(stored, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A new contact key (one erasure request's requester address), wrapped by the tenant's data key and bound to its own id.</summary>
    public async Task<KeyReference> CreateContactKeyAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        using var tenantKey = await GetDataKeyAsync(tenant, cancellationToken).ConfigureAwait(false);
        using var contact = KeyMaterial.Generate(tenant.TenantId, KeyKind.Contact, new KeyReference(Guid.NewGuid(), 1));
        await vault.InsertAsync(new WrappedKey(tenant.TenantId, KeyKind.Contact, contact.Reference,
            KeyWrap.Wrap(tenantKey, contact, WrappedKey.ContactBinding(contact.Reference.Id)), time.GetUtcNow(), null, tenantKey.Reference), cancellationToken)
            .ConfigureAwait(false);
        return contact.Reference;
    }

    /// <summary>The key a ciphertext or record names; it must belong to the tenant and be of the kind asked for.</summary>
    public async Task<KeyMaterial> GetAsync(string tenantId, KeyKind kind, KeyReference reference, CancellationToken cancellationToken)
    {
        if (lease.CanUseCachedKeys && cache.TryGet(tenantId, reference.Id, out var cached))
        {
            if (cached.Kind == kind && cached.Reference == reference)
            {
                return cached;
            }

            cached.Dispose();
            throw DomainErrors.KeyUnavailable(tenantId);
        }

        var stored = await vault.FindAsync(tenantId, reference.Id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            var tombstone = await ledger.FindAsync(reference.Id, cancellationToken).ConfigureAwait(false);
            throw tombstone is not null && tombstone.TenantId == tenantId ? Erased(tombstone) : DomainErrors.KeyUnavailable(tenantId);
        }

        if (stored.Kind != kind || stored.Reference != reference || stored.TenantId != tenantId)
        {
            throw DomainErrors.KeyUnavailable(tenantId);
        }

        return await LoadAsync(stored, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops keys from this replica's cache, serialised with any load of the same keys.</summary>
    public async Task EvictAsync(string tenantId, IReadOnlyCollection<Guid> keyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyIds);
        foreach (var keyId in keyIds)
        {
            var fillLock = FillLock(keyId);
            await fillLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                cache.Evict(tenantId, [keyId]);
            }
            finally
            {
                fillLock.Release();
            }
        }
    }

    private async Task<WrappedKey> CreateSubjectKeyAsync(Tenant tenant, string subjectId, CancellationToken cancellationToken)
    {
        // An erased person stays erased: new data under the same subject id would quietly undo the erasure.
        if (await ledger.FindSubjectAsync(tenant.TenantId, subjectId, cancellationToken).ConfigureAwait(false) is { } tombstone)
        {
            throw Erased(tombstone);
        }

        using var tenantKey = await GetDataKeyAsync(tenant, cancellationToken).ConfigureAwait(false);
        using var subjectKey = KeyMaterial.Generate(tenant.TenantId, KeyKind.Subject, new KeyReference(Guid.NewGuid(), 1), subjectId);
        var wrapped = new WrappedKey(tenant.TenantId, KeyKind.Subject, subjectKey.Reference, KeyWrap.Wrap(tenantKey, subjectKey, subjectId),
            time.GetUtcNow(), subjectId, tenantKey.Reference);

        // Concurrent first writes for one subject: the vault keeps one key per subject and returns it to all.
        var stored = await vault.InsertSubjectKeyAsync(wrapped, cancellationToken).ConfigureAwait(false);

        // An erasure may have written its tombstone between the check above and the insert: look again,
        // after the insert (the eraser looks at the vault after its tombstone), and destroy the key if so.
        if (await ledger.FindSubjectAsync(tenant.TenantId, subjectId, cancellationToken).ConfigureAwait(false) is { } erasure)
        {
            await ledger.AppendAsync(erasure with { KeyId = stored.Reference.Id }, cancellationToken).ConfigureAwait(false);
            await vault.DeleteAsync([stored.Reference.Id], cancellationToken).ConfigureAwait(false);
            throw Erased(erasure);
        }

        return stored;
    }

    private async Task<KeyMaterial> LoadAsync(WrappedKey stored, CancellationToken cancellationToken)
    {
        var bytes = await UnwrapAsync(stored, cancellationToken).ConfigureAwait(false);
        var key = new KeyMaterial(stored.TenantId, stored.Kind, stored.Reference, bytes, stored.SubjectId);
        var fillLock = FillLock(stored.Reference.Id);
        await fillLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // After reading the wrapped key, before caching it: a shred that came in between wins.
            if (await ledger.FindAsync(stored.Reference.Id, cancellationToken).ConfigureAwait(false) is { } tombstone)
            {
                key.Dispose();
                throw Erased(tombstone);
            }

            // Without a fresh lease this replica may have missed an eviction: use the key once, keep nothing.
            if (lease.CanUseCachedKeys)
            {
                cache.Add(key);
            }

            return key;
        }
        finally
        {
            fillLock.Release();
        }
    }

    private async Task<byte[]> UnwrapAsync(WrappedKey stored, CancellationToken cancellationToken)
    {
        try
        {
            if (stored.Kind is not (KeyKind.Subject or KeyKind.Retained or KeyKind.Contact))
            {
                return wrapper.Unwrap(stored.TenantId, stored.Kind, stored.Reference, stored.Wrapped);
            }

            using var tenantKey = await GetAsync(stored.TenantId, KeyKind.Data,
                stored.WrappedBy ?? throw DomainErrors.KeyUnavailable(stored.TenantId), cancellationToken).ConfigureAwait(false);
            var binding = stored.Kind is KeyKind.Retained or KeyKind.Contact || stored.SubjectId is not null ? stored.WrapBinding : throw DomainErrors.KeyUnavailable(stored.TenantId);
            return KeyWrap.Unwrap(tenantKey, binding, stored.Reference, stored.Wrapped);
        }
        catch (CryptographicException e)
        {
            throw new DomainException(DomainErrorKind.FailedPrecondition, $"tenant '{stored.TenantId}' has a key that cannot be unwrapped", "tenant_id", e);
        }
    }

    private SemaphoreSlim FillLock(Guid keyId) => _fillLocks[(keyId.GetHashCode() & int.MaxValue) % _fillLocks.Length];

    private static DomainException Erased(ShredRecord tombstone) =>
        DomainErrors.DataErased(
            tombstone.SubjectId is not null ? $"subject '{tombstone.SubjectId}'"
            : tombstone.Kind == KeyKind.Retained ? $"records kept after an erasure in tenant '{tombstone.TenantId}'"
            : $"tenant '{tombstone.TenantId}'",
            tombstone.ShreddedAt);
}
