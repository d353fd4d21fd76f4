namespace ProcessorGateway.Core.Audit;

/// <summary>
/// A chain's head as the gateway last saw it durable, kept apart from the events (in the ledger database).
/// An event deleted from the end of a chain leaves no gap inside it; the checkpoint is what shows the tail was cut.
/// </summary>
public sealed record AuditCheckpoint(string ChainId, long Sequence, string Hash, DateTimeOffset RecordedAt);
