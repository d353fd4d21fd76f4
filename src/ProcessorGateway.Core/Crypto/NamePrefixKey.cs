using System.Security.Cryptography;
using System.Text;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Crypto;

/// <summary>
/// The key name-search tokens are computed with: HKDF-SHA256 from the tenant's index key, with a label of its own,
/// so prefix tokens and blind-index tokens never share a key (docs/search.md#tokens). A token is HMAC-SHA256 over
/// collection, field and one normalised word prefix, truncated to <see cref="BlindIndex.TokenSize"/> like a blind
/// index: equal prefixes of one field of one tenant are linkable, of two fields or two tenants never. Short-lived:
/// made for one write or query and wiped on dispose. <see cref="ToString"/> names the index key, never bytes.
/// </summary>
public sealed class NamePrefixKey : IDisposable
{
    /// <summary>Shorter prefixes are not indexed: "a" or "ga" would link most records of a tenant.</summary>
    public const int MinPrefixLength = 3;

    /// <summary>
    /// For a word of Chinese characters or kana: two of them are about as selective as three letters, and many
    /// given and family names are two characters long (山田, 太郎), which a minimum of three would leave unfindable.
    /// </summary>
    public const int MinIdeographicPrefixLength = 2;

    /// <summary>Longer prefixes are not indexed: ten letters single out a name; the rest is checked after decryption.</summary>
    public const int MaxPrefixLength = 10;

    private static readonly byte[] Label = Encoding.ASCII.GetBytes("processorgateway name-prefix tokens v1");

    private readonly byte[] _key;
    private readonly KeyReference _indexKey;

    private NamePrefixKey(byte[] key, KeyReference indexKey)
    {
        _key = key;
        _indexKey = indexKey;
    }

    public static NamePrefixKey Derive(KeyMaterial indexKey)
    {
        ArgumentNullException.ThrowIfNull(indexKey);
        if (indexKey.Kind != KeyKind.Index)
        {
            throw new ArgumentException("name-search tokens need an index key", nameof(indexKey));
        }

        var key = new byte[KeyMaterial.KeySizeBytes];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, indexKey.Bytes, key, salt: [], info: Label);
        return new NamePrefixKey(key, indexKey.Reference);
    }

    /// <summary>
    /// The tokens a stored name carries: for each word, one per prefix of <see cref="MinLengthOf"/> to
    /// <see cref="MaxPrefixLength"/> scalar values (or the word's length); a shorter word gives none. Distinct, in no
    /// meaningful order, with no position: a reader of the database cannot tell which word a token came from.
    /// </summary>
    public IReadOnlyList<byte[]> TokensOf(string collection, string field, string name)
    {
        var tokens = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var word in NameNormalisation.Words(name))
        {
            var length = Math.Min(NameNormalisation.Length(word), MaxPrefixLength);
            for (var prefix = MinLengthOf(word); prefix <= length; prefix++)
            {
                var token = Token(collection, field, NameNormalisation.Prefix(word, prefix));
                tokens.TryAdd(Convert.ToHexString(token), token);
            }
        }

        return [.. tokens.Values];
    }

    /// <summary>
    /// The token a query word must find: of its first <see cref="MaxPrefixLength"/> scalar values. <c>null</c> for a
    /// word shorter than <see cref="MinLengthOf"/>, which only the check after decryption can match.
    /// </summary>
    public byte[]? QueryToken(string collection, string field, string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var length = NameNormalisation.Length(word);
        return length < MinLengthOf(word) ? null : Token(collection, field, NameNormalisation.Prefix(word, Math.Min(length, MaxPrefixLength)));
    }

    /// <summary>The shortest indexed prefix of a word: <see cref="MinIdeographicPrefixLength"/> when it starts with a Chinese character or kana.</summary>
    public static int MinLengthOf(string word)
    {
        ArgumentException.ThrowIfNullOrEmpty(word);
        return Rune.GetRuneAt(word, 0).Value is (>= 0x3040 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3FFFF)
            ? MinIdeographicPrefixLength
            : MinPrefixLength;
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    public override string ToString() => $"name-prefix key from index key {_indexKey}";

    private byte[] Token(string collection, string field, string prefix)
    {
        var length = 2 + Encoding.UTF8.GetByteCount(collection) + Encoding.UTF8.GetByteCount(field) + Encoding.UTF8.GetByteCount(prefix);
        var input = new byte[length];
        try
        {
            var offset = FieldCipher.WritePrefixed(collection, input);
            offset += FieldCipher.WritePrefixed(field, input.AsSpan(offset));
            Encoding.UTF8.GetBytes(prefix, input.AsSpan(offset));
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_key, input, mac);
            return mac[..BlindIndex.TokenSize].ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }
}
