namespace ProcessorGateway.Core.Clients;

/// <summary>A registered OAuth client. Only a hash of its secret is kept.</summary>
public sealed record OAuthClient(
    string ClientId,
    string? TenantId,
    string DisplayName,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Purposes,
    byte[] SecretHash,
    bool Revoked,
    DateTimeOffset CreatedAt,
    DateTimeOffset SecretRotatedAt)
{
    public override string ToString() => $"OAuth client {ClientId}";
}
