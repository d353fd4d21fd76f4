namespace ProcessorGateway.Core.Clients;

/// <summary>Port to where OAuth clients are kept, shared by every replica.</summary>
public interface IClientRegistry
{
    /// <returns><c>false</c> when a client with that id exists already.</returns>
    Task<bool> TryInsertAsync(OAuthClient client, CancellationToken cancellationToken);

    /// <returns>The client, or <c>null</c> when there is none with that id.</returns>
    Task<OAuthClient?> FindAsync(string clientId, CancellationToken cancellationToken);

    /// <param name="tenantId"><c>null</c> for every client.</param>
    Task<IReadOnlyList<OAuthClient>> ListAsync(string? tenantId, CancellationToken cancellationToken);

    /// <summary>Replaces how the client authenticates: a secret hash (and no key), or a public key (and an empty hash).</summary>
    /// <returns><c>false</c> when there is no such client, or it is revoked.</returns>
    Task<bool> TryReplaceCredentialAsync(string clientId, byte[] secretHash, string? publicKeyPem, DateTimeOffset rotatedAt, CancellationToken cancellationToken);

    /// <returns><c>false</c> when there is no such client.</returns>
    Task<bool> TryRevokeAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Deletes every client of the tenant (offboarding); repeating it deletes nothing more.</summary>
    /// <returns>How many documents were deleted.</returns>
    Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken);
}
