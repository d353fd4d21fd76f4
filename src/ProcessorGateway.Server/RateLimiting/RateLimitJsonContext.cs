using System.Text.Json.Serialization;

namespace ProcessorGateway.Server.RateLimiting;

[JsonSerializable(typeof(TokenRefusal))]
internal sealed partial class RateLimitJsonContext : JsonSerializerContext;
