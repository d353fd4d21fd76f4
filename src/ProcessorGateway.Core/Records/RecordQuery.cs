using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>What the storage port matches: all conditions at once, ordered by record id, after a cursor.</summary>
public sealed record RecordQuery(
    string Collection,
    string? SubjectId,
    IReadOnlyList<KeyValuePair<string, FieldValue>> PlainEquals,
    IReadOnlyList<byte[]> BlindIndexTokens,
    string? AfterRecordId,
    int Limit)
{
    /// <summary>Name-prefix tokens the record must all hold (docs/search.md); the caller checks the decrypted names after.</summary>
    public IReadOnlyList<byte[]> NameTokens { get; init; } = [];
}
