namespace ProcessorGateway.Core.Clients;

/// <summary>A client and its secret in clear: returned once, at registration or rotation, never stored.</summary>
public sealed record RegisteredClient(OAuthClient Client, string Secret)
{
    public override string ToString() => $"{Client} (secret withheld)";
}
