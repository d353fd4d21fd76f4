using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>A correction: the fields named in the mask take the given values (or are cleared when absent).</summary>
public sealed record UpdateCommand(
    string? TenantId,
    string? Collection,
    string? RecordId,
    IReadOnlyDictionary<string, FieldValue?> Fields,
    IReadOnlyList<string> Mask,
    long ExpectedVersion,
    string? IdempotencyKey,
    string? Purpose);
