using System.Security.Cryptography;
using System.Text;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Audit;

/// <summary>
/// Makes and opens <see cref="SubjectReference"/>s. Two sub-keys are derived from the subject key with HKDF
/// (one per use, so the token key never encrypts and the sealing key never hashes): the token is HMAC-SHA256
/// over tenant and subject id, cut to 128 bits as blind indexes are; the id is sealed with AES-256-GCM, the
/// tenant, key and token as associated data, so a sealed id moved to another reference fails to open.
/// Every failure to open is the same opaque "decryption failed".
/// </summary>
public static class SubjectReferenceCipher
{
    public const int TokenSize = 16;
    public const int NonceSize = 12;
    public const int TagSize = 16;

    private const int MaxIdBytes = 512;

    private static ReadOnlySpan<byte> SealLabel => "pg-audit-subject-seal-v1"u8;

    private static ReadOnlySpan<byte> TokenLabel => "pg-audit-subject-token-v1"u8;

    public static SubjectReference Create(KeyMaterial subjectKey)
    {
        var subjectId = SubjectOf(subjectKey);
        var token = Token(subjectKey, subjectId);
        var plaintext = Encoding.UTF8.GetBytes(subjectId);
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> sealKey = stackalloc byte[KeyMaterial.KeySizeBytes];
        try
        {
            Derive(subjectKey, SealLabel, sealKey);
            using var aes = new AesGcm(sealKey, TagSize);
            aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), AssociatedData(subjectKey, token));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sealKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }

        return new SubjectReference(subjectKey.Reference, token, output);
    }

    /// <summary>The subject's lookup token under this key: what a query by subject looks for.</summary>
    public static byte[] Token(KeyMaterial subjectKey) => Token(subjectKey, SubjectOf(subjectKey));

    /// <summary>The subject id a reference seals, with the key that made it.</summary>
    /// <exception cref="CryptographicException">Another key, or bytes changed.</exception>
    public static string Open(KeyMaterial subjectKey, SubjectReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        SubjectOf(subjectKey);
        var length = reference.Sealed.Length - NonceSize - TagSize;
        if (reference.Key != subjectKey.Reference || reference.Token.Length != TokenSize || length is < 1 or > MaxIdBytes)
        {
            throw Failed();
        }

        var plaintext = new byte[length];
        Span<byte> sealKey = stackalloc byte[KeyMaterial.KeySizeBytes];
        try
        {
            Derive(subjectKey, SealLabel, sealKey);
            using var aes = new AesGcm(sealKey, TagSize);
            aes.Decrypt(reference.Sealed.AsSpan(0, NonceSize), reference.Sealed.AsSpan(NonceSize, length), reference.Sealed.AsSpan(NonceSize + length),
                plaintext, AssociatedData(subjectKey, reference.Token));
            return Encoding.UTF8.GetString(plaintext);
        }
        catch (CryptographicException)
        {
            throw Failed();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sealKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] Token(KeyMaterial subjectKey, string subjectId)
    {
        Span<byte> tokenKey = stackalloc byte[KeyMaterial.KeySizeBytes];
        Span<byte> input = stackalloc byte[2 + (2 * MaxIdBytes)];
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        try
        {
            Derive(subjectKey, TokenLabel, tokenKey);
            var length = FieldCipher.WritePrefixed(subjectKey.TenantId, input);
            length += FieldCipher.WritePrefixed(subjectId, input[length..]);
            HMACSHA256.HashData(tokenKey, input[..length], mac);
            return mac[..TokenSize].ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(tokenKey);
        }
    }

    private static void Derive(KeyMaterial subjectKey, ReadOnlySpan<byte> label, Span<byte> output) =>
        HKDF.Expand(HashAlgorithmName.SHA256, subjectKey.Bytes, output, label);

    private static byte[] AssociatedData(KeyMaterial subjectKey, byte[] token)
    {
        var tenant = Encoding.UTF8.GetBytes(subjectKey.TenantId);
        var data = new byte[1 + tenant.Length + 16 + sizeof(int) + token.Length];
        data[0] = (byte)tenant.Length;
        tenant.CopyTo(data, 1);
        subjectKey.Reference.Id.TryWriteBytes(data.AsSpan(1 + tenant.Length, 16), bigEndian: true, out _);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(17 + tenant.Length), subjectKey.Reference.Version);
        token.CopyTo(data, 21 + tenant.Length);
        return data;
    }

    private static string SubjectOf(KeyMaterial subjectKey)
    {
        ArgumentNullException.ThrowIfNull(subjectKey);
        return subjectKey is { Kind: KeyKind.Subject, SubjectId: { Length: > 0 and <= 255 } subjectId }
            ? subjectId
            : throw new ArgumentException("a subject reference needs the subject's own key", nameof(subjectKey));
    }

    private static CryptographicException Failed() => new("decryption failed");
}
