namespace ProcessorGateway.Core.Audit;

/// <summary>An event in its chain: its sequence number (from 1, no gaps), the hash of the event before it, and its own hash.</summary>
public sealed record ChainedAuditEvent(string ChainId, long Sequence, AuditEntry Entry, string PreviousHash, string Hash);
