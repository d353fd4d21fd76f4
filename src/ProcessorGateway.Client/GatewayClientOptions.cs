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

    /// <summary>
    /// Sent to the token endpoint only; never logged and never part of an exception message. Empty when the client
    /// authenticates with <see cref="PrivateKeyPath"/> instead.
    /// </summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>
    /// A PEM file with the client's private key (RSA of 2048 bits or more, or EC P-256; PKCS#8 <c>PRIVATE KEY</c>,
    /// <c>RSA PRIVATE KEY</c> or <c>EC PRIVATE KEY</c>), for a client registered with its public key: each token request
    /// then carries a client assertion signed with it (RFC 7523 <c>private_key_jwt</c>) instead of a secret. Operator
    /// clients authenticate this way outside Development. Read once, when the token provider is created.
    /// </summary>
    public string? PrivateKeyPath { get; set; }

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
