using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>
/// A keyed hash (HMAC-SHA256 under the tenant's index key) of a request's canonical form. Stored with
/// idempotency keys and inside page tokens; keyed so that a stored fingerprint cannot be used to
/// guess a personal value offline.
/// </summary>
internal sealed class RequestFingerprint : IDisposable
{
    private readonly IncrementalHash _hash;

    public RequestFingerprint(KeyMaterial indexKey, string operation)
    {
        _hash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, indexKey.Bytes);
        Add(operation);
    }

    public RequestFingerprint Add(string? text)
    {
        if (text is null)
        {
            return Add(-1);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        Add(bytes.Length);
        _hash.AppendData(bytes);
        return this;
    }

    public RequestFingerprint Add(long number)
    {
        Span<byte> buffer = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(buffer, number);
        _hash.AppendData(buffer);
        return this;
    }

    public RequestFingerprint Add(FieldValue? value)
    {
        if (value is null)
        {
            return Add(-1);
        }

        var bytes = FieldValueCodec.Encode(value);
        Add(bytes.Length);
        _hash.AppendData(bytes);
        CryptographicOperations.ZeroMemory(bytes);
        return this;
    }

    public RequestFingerprint Add(byte[] bytes)
    {
        Add(bytes.Length);
        _hash.AppendData(bytes);
        return this;
    }

    public RequestFingerprint AddFields(IEnumerable<KeyValuePair<string, FieldValue?>> fields)
    {
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Add(name).Add(value);
        }

        return this;
    }

    public byte[] Finish() => _hash.GetHashAndReset();

    public void Dispose() => _hash.Dispose();
}
