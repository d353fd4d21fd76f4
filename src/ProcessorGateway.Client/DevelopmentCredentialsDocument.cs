using System.Text.Json.Serialization;

namespace ProcessorGateway.Client;

/// <summary>The shape of <c>.dev/dev-credentials.json</c> as the development gateway writes it.</summary>
internal sealed record DevelopmentCredentialsDocument(
    [property: JsonPropertyName("grpc")] string? Grpc,
    [property: JsonPropertyName("token_endpoint")] string? TokenEndpoint,
    [property: JsonPropertyName("tenant_id")] string? TenantId,
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("client_secret")] string? ClientSecret,
    [property: JsonPropertyName("operator_client_id")] string? OperatorClientId,
    [property: JsonPropertyName("operator_client_secret")] string? OperatorClientSecret)
{
    // Holds client secrets: a record's generated ToString would print them.
    public override string ToString() => nameof(DevelopmentCredentialsDocument);
}
