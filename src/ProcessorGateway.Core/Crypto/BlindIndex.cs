using System.Security.Cryptography;
using System.Text;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Crypto;

/// <summary>
/// Keyed tokens for equality search on encrypted fields: HMAC-SHA256 under the tenant's index key
/// over collection, field and the normalised value, truncated to 128 bits. The token binds the
/// field, so equal values in two fields never share a token.
/// </summary>
public static class BlindIndex
{
    public const int TokenSize = 16;

    private const int StackLimit = 2048;

    // Without ICU (invariant globalization) Normalize returns its input unchanged, and two replicas
    // would compute different tokens for the same value. Refuse rather than index inconsistently.
    private static readonly bool CompatibilityNormalisationWorks = "\uFF21".Normalize(NormalizationForm.FormKC) == "A";

    /// <summary>One token per value; a string list gives one per item, so any item can be matched.</summary>
    public static IReadOnlyList<byte[]> Tokens(KeyMaterial indexKey, string collection, string field, FieldValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        RequireIndexKey(indexKey);
        return value is StringListValue list
            ? list.Values.Select(item => Token(indexKey, collection, field, new StringValue(item))).DistinctBy(Convert.ToHexString).ToArray()
            : [Token(indexKey, collection, field, value)];
    }

    public static byte[] Token(KeyMaterial indexKey, string collection, string field, FieldValue value)
    {
        RequireIndexKey(indexKey);
        var normalised = Normalise(value);
        var length = 2 + Encoding.UTF8.GetByteCount(collection) + Encoding.UTF8.GetByteCount(field) + FieldValueCodec.GetEncodedLength(normalised);
        Span<byte> input = length <= StackLimit ? stackalloc byte[length] : new byte[length];
        try
        {
            var offset = FieldCipher.WritePrefixed(collection, input);
            offset += FieldCipher.WritePrefixed(field, input[offset..]);
            FieldValueCodec.Encode(normalised, input[offset..]);

            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(indexKey.Bytes, input, mac);
            return mac[..TokenSize].ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>Case, width and surrounding space do not make two strings different for search.</summary>
    public static FieldValue Normalise(FieldValue value)
    {
        if (value is not StringValue s)
        {
            return value;
        }

        if (!CompatibilityNormalisationWorks)
        {
            throw new InvalidOperationException("Unicode normalisation is unavailable (invariant globalization or no ICU); blind indexes cannot be computed consistently");
        }

        return new StringValue(s.Value.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant());
    }

    private static void RequireIndexKey(KeyMaterial indexKey)
    {
        ArgumentNullException.ThrowIfNull(indexKey);
        if (indexKey.Kind != KeyKind.Index)
        {
            throw new ArgumentException("blind indexes need an index key", nameof(indexKey));
        }
    }
}
