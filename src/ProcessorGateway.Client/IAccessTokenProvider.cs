namespace ProcessorGateway.Client;

/// <summary>Hands out a current access token for gRPC calls.</summary>
public interface IAccessTokenProvider
{
    /// <summary>The cached token while it is fresh; otherwise one new token shared by every concurrent caller.</summary>
    /// <exception cref="GatewayAuthenticationException">The token endpoint refused the client or could not be reached.</exception>
    ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops <paramref name="rejected"/> from the cache (e.g. after the gateway answered UNAUTHENTICATED), so the next
    /// call fetches a new one. A newer token that another caller already fetched is kept.
    /// </summary>
    void Invalidate(AccessToken rejected);
}
