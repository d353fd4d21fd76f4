using System.Buffers.Binary;
using System.Security.Cryptography;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Crypto;

/// <summary>
/// Wraps a subject key under its tenant's data key: AES-256-GCM, <c>nonce(12) | ciphertext(32) | tag(16)</c>,
/// with associated data naming the tenant, the subject and the subject key, so a wrapped key moved to
/// another subject or tenant does not unwrap. A retained key is wrapped the same way, bound to its own id instead of a subject. Every failure is the same opaque exception.
/// </summary>
public static class KeyWrap
{
    private const int WrappedSize = FieldCipher.NonceSize + KeyMaterial.KeySizeBytes + FieldCipher.TagSize;

    public static byte[] Wrap(KeyMaterial tenantKey, KeyMaterial subjectKey, string subjectId)
    {
        ArgumentNullException.ThrowIfNull(tenantKey);
        ArgumentNullException.ThrowIfNull(subjectKey);
        RequireKinds(tenantKey, subjectKey.Kind);
        var output = new byte[WrappedSize];
        var nonce = output.AsSpan(0, FieldCipher.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> associatedData = stackalloc byte[512];
        var length = WriteAssociatedData(tenantKey.TenantId, subjectId, subjectKey.Reference, associatedData);
        var cipher = tenantKey.RentCipher();
        try
        {
            cipher.Encrypt(nonce, subjectKey.Bytes, output.AsSpan(FieldCipher.NonceSize, KeyMaterial.KeySizeBytes), output.AsSpan(WrappedSize - FieldCipher.TagSize),
                associatedData[..length]);
        }
        finally
        {
            tenantKey.ReturnCipher(cipher);
        }

        return output;
    }

    /// <returns>The subject key's bytes; the caller owns (and zeroes) them.</returns>
    public static byte[] Unwrap(KeyMaterial tenantKey, string subjectId, KeyReference subjectKey, byte[] wrapped)
    {
        ArgumentNullException.ThrowIfNull(tenantKey);
        ArgumentNullException.ThrowIfNull(wrapped);
        RequireKinds(tenantKey, KeyKind.Subject);
        if (wrapped.Length != WrappedSize)
        {
            throw new CryptographicException("unwrap failed");
        }

        Span<byte> associatedData = stackalloc byte[512];
        var length = WriteAssociatedData(tenantKey.TenantId, subjectId, subjectKey, associatedData);
        var key = new byte[KeyMaterial.KeySizeBytes];
        var cipher = tenantKey.RentCipher();
        try
        {
            cipher.Decrypt(wrapped.AsSpan(0, FieldCipher.NonceSize), wrapped.AsSpan(FieldCipher.NonceSize, KeyMaterial.KeySizeBytes),
                wrapped.AsSpan(WrappedSize - FieldCipher.TagSize), key, associatedData[..length]);
            return key;
        }
        catch (CryptographicException)
        {
            CryptographicOperations.ZeroMemory(key);
            throw new CryptographicException("unwrap failed");
        }
        finally
        {
            tenantKey.ReturnCipher(cipher);
        }
    }

    private static void RequireKinds(KeyMaterial tenantKey, KeyKind wrappedKind)
    {
        if (tenantKey.Kind != KeyKind.Data || wrappedKind is not (KeyKind.Subject or KeyKind.Retained or KeyKind.Contact))
        {
            throw new ArgumentException("subject, retained and contact keys are wrapped by their tenant's data key", nameof(tenantKey));
        }
    }

    private static int WriteAssociatedData(string tenantId, string subjectId, KeyReference subjectKey, Span<byte> destination)
    {
        "pg-subject-key-v1"u8.CopyTo(destination);
        var offset = 17;
        offset += FieldCipher.WritePrefixed(tenantId, destination[offset..]);
        offset += FieldCipher.WritePrefixed(subjectId, destination[offset..]);
        subjectKey.Id.TryWriteBytes(destination[offset..], bigEndian: true, out _);
        offset += 16;
        BinaryPrimitives.WriteInt32BigEndian(destination[offset..], subjectKey.Version);
        return offset + sizeof(int);
    }
}
