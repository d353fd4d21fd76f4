namespace ProcessorGateway.Core.Audit;

/// <param name="NextAfterSequence">The cursor for the next page; <c>null</c> on the last one.</param>
public sealed record AuditPage(IReadOnlyList<ChainedAuditEvent> Events, long? NextAfterSequence);
