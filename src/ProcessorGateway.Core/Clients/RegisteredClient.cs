namespace ProcessorGateway.Core.Clients;

/// <summary>
/// A client and its secret in clear: returned once, at registration or rotation, never stored. Empty for a client
/// that authenticates with a public key: it has no secret.
/// </summary>
public sealed record RegisteredClient(OAuthClient Client, string Secret)
{
    public override string ToString() => $"{Client} (secret withheld)";
}
