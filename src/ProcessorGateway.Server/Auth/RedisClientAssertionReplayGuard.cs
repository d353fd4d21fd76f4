using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ProcessorGateway.Server.Redis;
using StackExchange.Redis;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// Replay protection shared by every replica: one Redis key per client and <c>jti</c>, set only if absent, that
/// expires with the assertion (plus the clock skew the gateway tolerates), so the store never grows beyond the
/// assertions of the last few minutes.
/// </summary>
internal sealed class RedisClientAssertionReplayGuard(RedisConnection connection, IOptions<RedisOptions> options, TimeProvider time) : IClientAssertionReplayGuard
{
    /// <summary>The Redis key of one client's <c>jti</c>, under the deployment's instance name.</summary>
    public static string Key(string instanceName, string clientId, string jwtId) =>
        $"{instanceName}:assertion-jti:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientId + "\n" + jwtId)));

    public async Task<bool> TryClaimAsync(string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var redis = await connection.ConnectAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var ttl = expiresAt - time.GetUtcNow() + ClientAssertionRules.ClockSkew;

        // Hashed: a jti is the client's choice of text, and a key is no place for it.
        var key = Key(options.Value.InstanceName, clientId, jwtId);
        return await redis.GetDatabase().StringSetAsync(key, 1, ttl > TimeSpan.FromSeconds(1) ? ttl : TimeSpan.FromSeconds(1), When.NotExists)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
