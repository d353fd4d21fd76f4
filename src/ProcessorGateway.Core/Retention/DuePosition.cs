namespace ProcessorGateway.Core.Retention;

/// <summary>Where a page of due records ended: the last record's start and id, so records passed over (held) are not read again in the same pass.</summary>
public sealed record DuePosition(DateTimeOffset Start, string RecordId);
