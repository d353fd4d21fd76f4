using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>
/// A record as the storage port sees it: plain fields as values, every other field as ciphertext,
/// searchable fields also as blind-index tokens, name-search fields also as name-prefix tokens. A record about a subject names the subject's key:
/// its personal fields are encrypted under it, and once it is shredded the record cannot be read.
/// No personal plaintext reaches this type.
/// </summary>
public sealed record StoredRecord(
    string TenantId,
    string Collection,
    string RecordId,
    string? SubjectId,
    long Version,
    int SchemaVersion,
    IReadOnlyDictionary<string, FieldValue> Plain,
    IReadOnlyDictionary<string, byte[]> Encrypted,
    IReadOnlyList<byte[]> BlindIndexes,
    KeyReference? SubjectKey,
    string? LastIdempotencyKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The tenant data key the personal fields are under, for a record without a subject; rotation finds records by it.</summary>
    public KeyReference? DataKey { get; init; }

    /// <summary>The name-prefix tokens of its name-search fields (docs/search.md), in no order; removed with the blind indexes.</summary>
    public IReadOnlyList<byte[]> NameTokens { get; init; } = [];

    /// <summary>Set when an erasure kept this record: its personal fields are under the retained key named here, and it is read-only.</summary>
    public RecordRetention? Retention { get; init; }
}
