namespace ProcessorGateway.Core.Audit;

/// <summary>What one pass pruned from a chain, and whether a legal hold stopped it.</summary>
public sealed record AuditPruneResult(long Blocks, long Events, bool StoppedAtHold);
