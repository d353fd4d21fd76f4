namespace ProcessorGateway.Server.RateLimiting;

/// <summary>Failed authentications and lockouts by client id. Holds ids and counts only, never a secret.</summary>
internal interface ILockoutCounter
{
    Task<bool> IsLockedAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Counts one failure; true for the one failure that starts a lockout (once per lockout, across replicas).</summary>
    Task<bool> CountFailureAsync(string clientId, CancellationToken cancellationToken);
}
