namespace ProcessorGateway.Core.Clients;

/// <summary>
/// A registered OAuth client. It authenticates with a secret, of which only a hash is kept, or with a public key
/// (<see cref="PublicKeyPem"/>) whose private key signs client assertions; a client with a key has an empty hash.
/// </summary>
public sealed record OAuthClient(
    string ClientId,
    string? TenantId,
    string DisplayName,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Purposes,
    byte[] SecretHash,
    bool Revoked,
    DateTimeOffset CreatedAt,
    DateTimeOffset SecretRotatedAt,
    string? PublicKeyPem = null)
{
    public bool UsesKey => PublicKeyPem is not null;

    public override string ToString() => $"OAuth client {ClientId}";
}
