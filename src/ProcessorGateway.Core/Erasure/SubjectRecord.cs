namespace ProcessorGateway.Core.Erasure;

/// <summary>What erasure needs to know of one of a subject's records: where it is, when it was made, and its plain timestamps.</summary>
public sealed record SubjectRecord(string Collection, string RecordId, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, DateTimeOffset> PlainTimestamps);
