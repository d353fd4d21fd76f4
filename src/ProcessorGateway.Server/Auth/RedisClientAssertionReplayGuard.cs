using System.Security.Cryptography;
using System.Text;
using ProcessorGateway.Server.Redis;
using StackExchange.Redis;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// Replay protection shared by every replica: one Redis key per client and <c>jti</c>, set only if absent, that
/// expires with the assertion (plus the clock skew the gateway tolerates), so the store never grows beyond the
/// assertions of the last few minutes.
/// </summary>
internal sealed class RedisClientAssertionReplayGuard(RedisConnection connection, TimeProvider time) : IClientAssertionReplayGuard
{
    private const string KeyPrefix = "pg:assertion-jti:";

    public async Task<bool> TryClaimAsync(string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var redis = await connection.ConnectAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var ttl = expiresAt - time.GetUtcNow() + ClientAssertionRules.ClockSkew;

        // Hashed: a jti is the client's choice of text, and a key is no place for it.
        var key = KeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientId + "\n" + jwtId)));
        return await redis.GetDatabase().StringSetAsync(key, 1, ttl > TimeSpan.FromSeconds(1) ? ttl : TimeSpan.FromSeconds(1), When.NotExists)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
