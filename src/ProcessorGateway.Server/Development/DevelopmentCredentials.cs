using System.Text.Json.Serialization;

namespace ProcessorGateway.Server.Development;

/// <summary>The shape of <c>.dev/dev-credentials.json</c>: where the gateway listens, and two working clients.</summary>
internal sealed record DevelopmentCredentials(
    [property: JsonPropertyName("grpc")] string Grpc,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("http")] string Http,
    [property: JsonPropertyName("mongo")] string Mongo,
    [property: JsonPropertyName("tenant_id")] string TenantId,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("operator_client_id")] string OperatorClientId,
    [property: JsonPropertyName("operator_client_secret")] string OperatorClientSecret);
