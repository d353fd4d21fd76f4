using System.Text.Json.Serialization;

namespace ProcessorGateway.Server.RateLimiting;

/// <summary>The body of a refused token request, in the shape of an OAuth error (RFC 6749 §5.2).</summary>
internal sealed record TokenRefusal(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
