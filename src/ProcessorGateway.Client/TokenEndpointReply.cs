using System.Text.Json.Serialization;

namespace ProcessorGateway.Client;

/// <summary>A token endpoint reply: a token (RFC 6749 §5.1) or an error (§5.2).</summary>
internal sealed record TokenEndpointReply(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")]
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    long? ExpiresIn,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription)
{
    // Holds a bearer token: a record's generated ToString would print it.
    public override string ToString() => nameof(TokenEndpointReply);
}
