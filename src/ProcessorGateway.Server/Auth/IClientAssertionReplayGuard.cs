namespace ProcessorGateway.Server.Auth;

/// <summary>Remembers the <c>jti</c> of every accepted client assertion until it expires, so none is accepted twice.</summary>
internal interface IClientAssertionReplayGuard
{
    /// <returns><c>true</c> the first time this client presents this <c>jti</c>; <c>false</c> for a replay.</returns>
    /// <exception cref="Exception">When it cannot tell (the store is unreachable): the caller refuses the assertion.</exception>
    Task<bool> TryClaimAsync(string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
