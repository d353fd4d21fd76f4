using ProcessorGateway.Core.Clients;

namespace ProcessorGateway.Core.Caching;

/// <summary>
/// Evicts a client from every replica's metadata cache once it is revoked: the revoking replica refuses its
/// tokens from the reply on, the others within the Redis message delay.
/// </summary>
public sealed class InvalidatingClientRegistry(IClientRegistry inner, MetadataCache cache) : IClientRegistry
{
    public Task<bool> TryInsertAsync(OAuthClient client, CancellationToken cancellationToken) => inner.TryInsertAsync(client, cancellationToken);

    public Task<OAuthClient?> FindAsync(string clientId, CancellationToken cancellationToken) => inner.FindAsync(clientId, cancellationToken);

    public Task<IReadOnlyList<OAuthClient>> ListAsync(string? tenantId, CancellationToken cancellationToken) => inner.ListAsync(tenantId, cancellationToken);

    public Task<bool> TryReplaceCredentialAsync(string clientId, byte[] secretHash, string? publicKeyPem, DateTimeOffset rotatedAt, CancellationToken cancellationToken) =>
        inner.TryReplaceCredentialAsync(clientId, secretHash, publicKeyPem, rotatedAt, cancellationToken);

    public async Task<bool> TryRevokeAsync(string clientId, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.TryRevokeAsync(clientId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Also after a failed write, which may have been applied all the same.
            await cache.InvalidateAsync(MetadataKind.Client, clientId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Offboarding: every replica stops accepting the deleted clients' tokens, as after a revocation.</summary>
    public async Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var clients = await inner.ListAsync(tenantId, cancellationToken).ConfigureAwait(false);
        try
        {
            return await inner.DeleteTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var client in clients)
            {
                await cache.InvalidateAsync(MetadataKind.Client, client.ClientId, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
