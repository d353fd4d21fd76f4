using System.Security.Cryptography;
using System.Text;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Core.Notifications;

/// <summary>
/// A requester's address: AES-256-GCM under a contact key of the request's own (wrapped by the tenant's data
/// key), bound to the tenant, the request and the field. Decrypted only to send the one message it is for,
/// and destroyed like any key (tombstone in the shred ledger, then deleted from the vault and every cache),
/// so neither the database nor a restored backup can give it back.
/// </summary>
public sealed class RequesterContacts(TenantKeyring keyring, IKeyVault vault, IShredLedger ledger, IReplicaInvalidator replicas, TimeProvider time)
{
    public const string Field = "contact_address";
    private const string Actor = "notifications";

    /// <returns>The address checked like a tenant's recipients, or <c>null</c> when none was given.</returns>
    public static string? Validate(string? address) =>
        string.IsNullOrEmpty(address) ? null
        : EmailAddress.IsValid(address) ? address
        : throw DomainErrors.Invalid(Field, "is not an e-mail address");

    /// <summary>Creates the request's contact key and encrypts the address under it.</summary>
    public async Task<(Guid KeyId, byte[] Sealed)> SealAsync(Tenant tenant, string requestId, string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(address);
        var reference = await keyring.CreateContactKeyAsync(tenant, cancellationToken).ConfigureAwait(false);
        using var key = await keyring.GetAsync(tenant.TenantId, KeyKind.Contact, reference, cancellationToken).ConfigureAwait(false);
        var plaintext = Encoding.UTF8.GetBytes(address);
        try
        {
            return (reference.Id, FieldCipher.Encrypt(key, plaintext, Context(tenant.TenantId, requestId)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <returns>The address, or <c>null</c> when the request has none or it was destroyed (delivered, given up, or the tenant offboarded).</returns>
    public async Task<string?> RevealAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContactKeyId is not { } keyId || request.ContactAddress is not { } sealedAddress
            || await vault.FindAsync(request.TenantId, keyId, cancellationToken).ConfigureAwait(false) is not { Kind: KeyKind.Contact } stored)
        {
            return null;
        }

        KeyMaterial key;
        try
        {
            key = await keyring.GetAsync(request.TenantId, KeyKind.Contact, stored.Reference, cancellationToken).ConfigureAwait(false);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.FailedPrecondition)
        {
            // Destroyed meanwhile, or with the tenant's keys: nothing to send to.
            return null;
        }

        using (key)
        {
            var plaintext = new byte[Math.Max(0, sealedAddress.Length - FieldCipher.Overhead)];
            try
            {
                FieldCipher.Decrypt(key, sealedAddress, Context(request.TenantId, request.RequestId), plaintext);
                return Encoding.UTF8.GetString(plaintext);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    /// <summary>Whether the request's address is still kept: its key is in the vault and not tombstoned.</summary>
    public async Task<bool> IsOnFileAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContactKeyId is { } keyId
            && await vault.FindAsync(request.TenantId, keyId, cancellationToken).ConfigureAwait(false) is not null
            && await ledger.FindAsync(keyId, cancellationToken).ConfigureAwait(false) is null;
    }

    /// <summary>Destroys a contact key: tombstone first, then the vault, this replica's cache and every other replica's. Idempotent.</summary>
    public async Task DestroyAsync(string tenantId, Guid keyId, string reason, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        await ledger.AppendAsync(new ShredRecord(keyId, tenantId, KeyKind.Contact, null, now, reason, Actor), cancellationToken).ConfigureAwait(false);
        await vault.DeleteAsync([keyId], cancellationToken).ConfigureAwait(false);
        await keyring.EvictAsync(tenantId, [keyId], cancellationToken).ConfigureAwait(false);
        await replicas.InvalidateAsync(tenantId, [keyId], cancellationToken).ConfigureAwait(false);
    }

    private static FieldContext Context(string tenantId, string requestId) => new(tenantId, "erasure_requests", requestId, Field, 1);
}
