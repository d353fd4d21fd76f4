using System.Text.Json.Serialization;

namespace ProcessorGateway.Server.Redis;

/// <summary>What a shredder publishes: which keys to evict, and where to acknowledge. Key ids only, never material.</summary>
internal sealed record InvalidationMessage(
    [property: JsonPropertyName("shred")] string ShredId,
    [property: JsonPropertyName("tenant")] string TenantId,
    [property: JsonPropertyName("keys")] IReadOnlyList<Guid> KeyIds);
