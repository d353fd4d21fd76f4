using System.Text.Json.Serialization;

namespace ProcessorGateway.Client;

/// <summary>Source-generated JSON for the few documents the client reads: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(TokenEndpointReply))]
[JsonSerializable(typeof(DevelopmentCredentialsDocument))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
