using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ProcessorGateway.Core.Paging;

/// <summary>
/// The query a page token is bound to: the tenant whose data it pages (for the audit log, the chain), the RPC,
/// and a fingerprint of its filters. A token is refused for any other tenant, RPC or filters.
/// </summary>
/// <param name="Fingerprint">A hash of the filters; the token that carries it is encrypted, so it is never shown.</param>
public sealed record PageScope(string TenantId, string Query, byte[] Fingerprint)
{
    /// <summary>A scope whose fingerprint is SHA-256 over the filters, each length-prefixed, so no two lists of filters share one.</summary>
    public static PageScope Of(string tenantId, string query, params IEnumerable<string?> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[sizeof(int)];
        foreach (var filter in filters)
        {
            var bytes = filter is null ? [] : Encoding.UTF8.GetBytes(filter);
            BinaryPrimitives.WriteInt32BigEndian(length, filter is null ? -1 : bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return new PageScope(tenantId, query, hash.GetHashAndReset());
    }
}
