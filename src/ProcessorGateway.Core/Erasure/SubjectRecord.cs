namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// What erasure needs to know of one of a subject's records: where it is, when it was made, its plain
/// timestamps, and the retained key it is under when an earlier erasure kept it.
/// </summary>
public sealed record SubjectRecord(
    string Collection, string RecordId, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, DateTimeOffset> PlainTimestamps, Guid? RetainedKeyId = null);
