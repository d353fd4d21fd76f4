using System.Collections.Concurrent;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// Replay protection for a gateway without Redis, which is one replica by definition (the start-up notice says so):
/// the seen <c>jti</c> values in memory, dropped once expired. Only assertions whose signature verified get here,
/// each living at most a few minutes, so the set stays as small as the honest traffic.
/// </summary>
internal sealed class LocalClientAssertionReplayGuard(TimeProvider time) : IClientAssertionReplayGuard
{
    private readonly ConcurrentDictionary<(string ClientId, string JwtId), DateTimeOffset> _seen = new();

    public Task<bool> TryClaimAsync(string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (key, expires) in _seen)
        {
            if (expires < now)
            {
                _seen.TryRemove(new KeyValuePair<(string, string), DateTimeOffset>(key, expires));
            }
        }

        return Task.FromResult(_seen.TryAdd((clientId, jwtId), expiresAt + ClientAssertionRules.ClockSkew));
    }
}
