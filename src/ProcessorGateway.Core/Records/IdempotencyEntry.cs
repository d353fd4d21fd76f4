namespace ProcessorGateway.Core.Records;

/// <param name="RequestFingerprint">Keyed hash of the request (never its values), to refuse a key reused for another request.</param>
/// <param name="Version">The record version the write produced, once completed; 0 for a delete.</param>
public sealed record IdempotencyEntry(
    string Key,
    byte[] RequestFingerprint,
    bool Completed,
    string RecordId,
    long Version,
    DateTimeOffset CreatedAt);
