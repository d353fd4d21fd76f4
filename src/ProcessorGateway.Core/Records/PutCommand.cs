using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>
/// Create (expected version 0) or replace (expected version N). Values arrive unchecked: a
/// <c>null</c> value stands for one the caller left empty, and validation names it.
/// </summary>
public sealed record PutCommand(
    string? TenantId,
    string? Collection,
    string? RecordId,
    string? SubjectId,
    IReadOnlyDictionary<string, FieldValue?> Fields,
    long ExpectedVersion,
    string? IdempotencyKey,
    string? Purpose);
