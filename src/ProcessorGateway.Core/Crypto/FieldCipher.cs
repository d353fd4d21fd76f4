using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Crypto;

/// <summary>
/// AES-256-GCM for one field value. Layout:
/// <c>format(1) | key id(16) | key version(4, big-endian) | nonce(12) | ciphertext | tag(16)</c>.
/// The header names the key, so decryption finds it by id; the header and the <see cref="FieldContext"/>
/// are the associated data. Every failure is the same opaque <see cref="CryptographicException"/>.
/// Format <see cref="FormatVersion"/> encrypts the encoded value as it is; format <see cref="PaddedFormatVersion"/>
/// encrypts it padded to a <see cref="LengthPadding"/> bucket. The format byte is in the associated data, so
/// a padded ciphertext cannot be passed off as an unpadded one.
/// </summary>
public static class FieldCipher
{
    public const byte FormatVersion = 1;
    public const byte PaddedFormatVersion = 2;
    public const int KeyIdSize = 16;
    public const int HeaderSize = 1 + KeyIdSize + sizeof(int);
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = HeaderSize + NonceSize + TagSize;

    // Identifiers are validated to at most 128 ASCII characters, each written with a one-byte length.
    private const int MaxAssociatedDataSize = HeaderSize + (4 * 256) + sizeof(int);
    private const int StackPlaintextLimit = 1024;

    public static byte[] Encrypt(KeyMaterial key, FieldValue value, in FieldContext context) => Encrypt(key, value, context, padLength: false);

    /// <param name="padLength">Pad the value to its length bucket (format <see cref="PaddedFormatVersion"/>).</param>
    public static byte[] Encrypt(KeyMaterial key, FieldValue value, in FieldContext context, bool padLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        var encodedLength = FieldValueCodec.GetEncodedLength(value);
        var length = padLength ? LengthPadding.PaddedLength(encodedLength) : encodedLength;
        Span<byte> plaintext = length <= StackPlaintextLimit ? stackalloc byte[length] : new byte[length];
        try
        {
            FieldValueCodec.Encode(value, plaintext[..encodedLength]);
            if (padLength)
            {
                LengthPadding.Pad(plaintext[..encodedLength], plaintext);
            }

            return Encrypt(key, plaintext, context, padLength ? PaddedFormatVersion : FormatVersion);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Encrypts raw bytes as they are (format <see cref="FormatVersion"/>).</summary>
    public static byte[] Encrypt(KeyMaterial key, ReadOnlySpan<byte> plaintext, in FieldContext context) =>
        Encrypt(key, plaintext, context, FormatVersion);

    /// <summary>Whether <paramref name="ciphertext"/> holds a padded value, so a re-encryption can keep it padded.</summary>
    public static bool IsPadded(ReadOnlySpan<byte> ciphertext) => !ciphertext.IsEmpty && ciphertext[0] == PaddedFormatVersion;

    /// <summary>Encrypts <paramref name="plaintext"/> labelled <paramref name="format"/>; tests use it to forge authentic malformed padding.</summary>
    internal static byte[] Encrypt(KeyMaterial key, ReadOnlySpan<byte> plaintext, in FieldContext context, byte format)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Kind is not (KeyKind.Data or KeyKind.Subject or KeyKind.Retained or KeyKind.Contact) || key.TenantId != context.TenantId)
        {
            throw new ArgumentException("field encryption needs a data key of the field's own tenant", nameof(key));
        }

        var output = new byte[Overhead + plaintext.Length];
        var header = output.AsSpan(0, HeaderSize);
        WriteHeader(format, key.Reference, header);
        var nonce = output.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var ciphertext = output.AsSpan(HeaderSize + NonceSize, plaintext.Length);
        var tag = output.AsSpan(HeaderSize + NonceSize + plaintext.Length, TagSize);

        Span<byte> associatedData = stackalloc byte[MaxAssociatedDataSize];
        var adLength = WriteAssociatedData(header, context, associatedData);

        var cipher = key.RentCipher();
        try
        {
            cipher.Encrypt(nonce, plaintext, ciphertext, tag, associatedData[..adLength]);
        }
        finally
        {
            key.ReturnCipher(cipher);
        }

        return output;
    }

    /// <summary>Reads which key a ciphertext names, so the caller can fetch it.</summary>
    public static KeyReference ReadKeyReference(ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length < Overhead || ciphertext[0] is not (FormatVersion or PaddedFormatVersion))
        {
            throw Failed();
        }

        return new KeyReference(
            new Guid(ciphertext.Slice(1, KeyIdSize), bigEndian: true),
            BinaryPrimitives.ReadInt32BigEndian(ciphertext.Slice(1 + KeyIdSize, sizeof(int))));
    }

    public static FieldValue DecryptValue(KeyMaterial key, ReadOnlySpan<byte> ciphertext, in FieldContext context)
    {
        var length = Math.Max(ciphertext.Length - Overhead, 0);
        Span<byte> plaintext = length <= StackPlaintextLimit ? stackalloc byte[length] : new byte[length];
        try
        {
            DecryptAnyFormat(key, ciphertext, context, plaintext);
            return FieldValueCodec.Decode(IsPadded(ciphertext) ? plaintext[..LengthPadding.UnpaddedLength(plaintext)] : plaintext);
        }
        catch (FormatException)
        {
            throw Failed();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Decrypts raw bytes of format <see cref="FormatVersion"/> into <paramref name="plaintext"/>, which is exactly
    /// <c>ciphertext.Length - Overhead</c> long. A padded value is read only through <see cref="DecryptValue"/>,
    /// which removes the padding.
    /// </summary>
    public static void Decrypt(KeyMaterial key, ReadOnlySpan<byte> ciphertext, in FieldContext context, Span<byte> plaintext)
    {
        if (IsPadded(ciphertext))
        {
            throw Failed();
        }

        DecryptAnyFormat(key, ciphertext, context, plaintext);
    }

    private static void DecryptAnyFormat(KeyMaterial key, ReadOnlySpan<byte> ciphertext, in FieldContext context, Span<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (ReadKeyReference(ciphertext) != key.Reference || key.Kind is not (KeyKind.Data or KeyKind.Subject or KeyKind.Retained or KeyKind.Contact) || key.TenantId != context.TenantId
            || plaintext.Length != ciphertext.Length - Overhead)
        {
            throw Failed();
        }

        var header = ciphertext[..HeaderSize];
        var nonce = ciphertext.Slice(HeaderSize, NonceSize);
        var body = ciphertext.Slice(HeaderSize + NonceSize, plaintext.Length);
        var tag = ciphertext[^TagSize..];

        Span<byte> associatedData = stackalloc byte[MaxAssociatedDataSize];
        var adLength = WriteAssociatedData(header, context, associatedData);

        var cipher = key.RentCipher();
        try
        {
            cipher.Decrypt(nonce, body, tag, plaintext, associatedData[..adLength]);
        }
        catch (CryptographicException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw Failed();
        }
        finally
        {
            key.ReturnCipher(cipher);
        }
    }

    private static void WriteHeader(byte format, KeyReference reference, Span<byte> header)
    {
        header[0] = format;
        reference.Id.TryWriteBytes(header.Slice(1, KeyIdSize), bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(header.Slice(1 + KeyIdSize), reference.Version);
    }

    private static int WriteAssociatedData(ReadOnlySpan<byte> header, in FieldContext context, Span<byte> destination)
    {
        header.CopyTo(destination);
        var offset = header.Length;
        offset += WritePrefixed(context.TenantId, destination[offset..]);
        offset += WritePrefixed(context.Collection, destination[offset..]);
        offset += WritePrefixed(context.RecordId, destination[offset..]);
        offset += WritePrefixed(context.Field, destination[offset..]);
        BinaryPrimitives.WriteInt32BigEndian(destination[offset..], context.SchemaVersion);
        return offset + sizeof(int);
    }

    internal static int WritePrefixed(string value, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(value);
        var written = Encoding.UTF8.GetBytes(value, destination[1..]);
        if (written > byte.MaxValue)
        {
            throw new ArgumentException("context identifiers are at most 255 bytes", nameof(value));
        }

        destination[0] = (byte)written;
        return written + 1;
    }

    private static CryptographicException Failed() => new("decryption failed");
}
