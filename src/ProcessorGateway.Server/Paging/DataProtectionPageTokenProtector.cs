using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using ProcessorGateway.Core.Paging;

namespace ProcessorGateway.Server.Paging;

/// <summary>
/// The page tokens of every paged RPC are encrypted and authenticated by Data Protection and expire, so a caller can
/// neither read nor forge one. v2: the cursor names the RPC it was issued for (v1 tokens, records only, are refused).
/// </summary>
internal sealed class DataProtectionPageTokenProtector(IDataProtectionProvider provider, TimeProvider time) : IPageTokenProtector
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("ProcessorGateway.PageToken.v2").ToTimeLimitedDataProtector();

    public string Protect(PageCursor cursor)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(cursor);
        return Base64UrlEncode(_protector.Protect(payload, time.GetUtcNow() + Lifetime));
    }

    public PageCursor? Unprotect(string token)
    {
        try
        {
            var payload = _protector.Unprotect(Base64UrlDecode(token), out _);
            return JsonSerializer.Deserialize<PageCursor>(payload);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    private static string Base64UrlEncode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static byte[] Base64UrlDecode(string token) => System.Buffers.Text.Base64Url.DecodeFromChars(token);
}
