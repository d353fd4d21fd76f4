namespace ProcessorGateway.Client;

/// <summary>
/// Where the gateway is and how this caller authenticates (OAuth 2.0 client credentials, RFC 6749 §4.4).
/// Checked by <see cref="GatewayClientOptionsValidator"/> before any channel or token request is made.
/// </summary>
public sealed class GatewayClientOptions
{
    /// <summary>The configuration section <c>AddProcessorGatewayClient(IConfiguration)</c> callers usually bind.</summary>
    public const string SectionName = "ProcessorGateway:Client";

    /// <summary>The gateway's gRPC address, e.g. <c>https://gateway.example:443</c>.</summary>
    public Uri? Address { get; set; }

    /// <summary>The OAuth token endpoint, e.g. <c>https://gateway.example/connect/token</c>.</summary>
    public Uri? TokenEndpoint { get; set; }

    public string ClientId { get; set; } = string.Empty;

    /// <summary>Sent to the token endpoint only; never logged and never part of an exception message.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Scopes to ask for (records.read, records.write, ...). Empty: whatever the client is registered for.</summary>
    public IList<string> Scopes { get; } = new List<string>();

    /// <summary>
    /// A token is refreshed once less than this (or 20% of its lifetime, whichever is more) remains, so a call never
    /// leaves with a token that expires on the way.
    /// </summary>
    public TimeSpan RefreshLeeway { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Allows cleartext <c>http://</c> addresses, and only for a loopback host: the development gateway listens without
    /// TLS on 127.0.0.1. Anything else must use https, because a bearer token or client secret sent in cleartext is exposed.
    /// </summary>
    public bool AllowInsecureLoopback { get; set; }
}
