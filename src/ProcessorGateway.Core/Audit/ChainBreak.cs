namespace ProcessorGateway.Core.Audit;

/// <summary>The first broken link of a chain: what, at which sequence number, which event, and in words.</summary>
/// <param name="EventId">The event found at <paramref name="Sequence"/> (for a gap, the first event after it).</param>
public sealed record ChainBreak(ChainBreakKind Kind, long Sequence, string EventId, string Detail);
