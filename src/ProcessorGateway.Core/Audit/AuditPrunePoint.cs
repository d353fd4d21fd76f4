namespace ProcessorGateway.Core.Audit;

/// <summary>
/// Where a chain was pruned: the last event removed, by its place and hash, so the retained chain is verified
/// from there as it would be from the genesis. Kept in the ledger database beside the checkpoints, apart from the
/// events; it only ever moves forward.
/// </summary>
/// <param name="Sequence">The last pruned event's place: the retained chain starts at the next one.</param>
/// <param name="Hash">The last pruned event's hash: the first retained event links to it.</param>
/// <param name="Reason">Why, in words: the retention the events had outlived.</param>
public sealed record AuditPrunePoint(string ChainId, long Sequence, string Hash, DateTimeOffset PrunedAt, string Reason);
