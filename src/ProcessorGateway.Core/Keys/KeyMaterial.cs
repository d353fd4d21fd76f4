using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ProcessorGateway.Core.Keys;

/// <summary>
/// An unwrapped key, reachable only inside Core. It is reference-counted: whoever creates or is handed
/// one disposes it, the cache holds a reference of its own, and the bytes are zeroed when the last
/// reference goes, so an evicted key is wiped as soon as no request still uses it. <see cref="ToString"/> shows the key's name, never
/// its bytes. It keeps a small pool of <see cref="AesGcm"/> instances: one per concurrent user,
/// because an instance may not be shared by two threads at once, and building one per call
/// re-expands the key schedule each time.
/// </summary>
public sealed class KeyMaterial : IDisposable
{
    public const int KeySizeBytes = 32;

    private readonly byte[] _bytes;
    private readonly ConcurrentBag<AesGcm> _ciphers = [];
    private volatile bool _disposed;
    private int _references = 1;

    /// <summary>Takes ownership of <paramref name="bytes"/>; they are zeroed on dispose.</summary>
    public KeyMaterial(string tenantId, KeyKind kind, KeyReference reference, byte[] bytes, string? subjectId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length != KeySizeBytes)
        {
            throw new ArgumentException("a key is 32 bytes", nameof(bytes));
        }

        TenantId = tenantId;
        SubjectId = subjectId;
        Kind = kind;
        Reference = reference;
        _bytes = bytes;
    }

    public string TenantId { get; }

    /// <summary>The data subject whose key this is, for subject keys.</summary>
    public string? SubjectId { get; }

    public KeyKind Kind { get; }

    public KeyReference Reference { get; }

    public static KeyMaterial Generate(string tenantId, KeyKind kind, KeyReference reference, string? subjectId = null) =>
        new(tenantId, kind, reference, RandomNumberGenerator.GetBytes(KeySizeBytes), subjectId);

    internal ReadOnlySpan<byte> Bytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    internal AesGcm RentCipher()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _ciphers.TryTake(out var cipher) ? cipher : new AesGcm(_bytes, Crypto.FieldCipher.TagSize);
    }

    internal void ReturnCipher(AesGcm cipher)
    {
        if (_disposed)
        {
            cipher.Dispose();
            return;
        }

        _ciphers.Add(cipher);
    }

    /// <summary>The one way out for raw bytes: wrapping for storage. Named so every use is easy to find.</summary>
    internal byte[] InsecureCopyForWrapping() => Bytes.ToArray();

    public override string ToString() => $"{Kind} {Reference} of tenant {TenantId}";

    /// <summary>Takes one more reference, unless the key is already wiped.</summary>
    internal bool TryAddReference()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Gives up one reference; the last one wipes the key.</summary>
    public void Dispose()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _references, current - 1, current) == current)
            {
                if (current > 1)
                {
                    return;
                }

                break;
            }
        }

        _disposed = true;
        CryptographicOperations.ZeroMemory(_bytes);
        while (_ciphers.TryTake(out var cipher))
        {
            cipher.Dispose();
        }
    }
}
