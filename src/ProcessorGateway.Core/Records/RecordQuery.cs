using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>What the storage port matches: all conditions at once, ordered by record id, after a cursor.</summary>
public sealed record RecordQuery(
    string Collection,
    string? SubjectId,
    IReadOnlyList<KeyValuePair<string, FieldValue>> PlainEquals,
    IReadOnlyList<byte[]> BlindIndexTokens,
    string? AfterRecordId,
    int Limit);
