using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>A record as one caller, acting for one purpose, may see it.</summary>
/// <param name="Masked">Fields withheld from this purpose, with the reason.</param>
public sealed record RecordView(
    string TenantId,
    string Collection,
    string RecordId,
    string? SubjectId,
    long Version,
    int SchemaVersion,
    IReadOnlyDictionary<string, FieldValue> Fields,
    IReadOnlyDictionary<string, string> Masked,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
