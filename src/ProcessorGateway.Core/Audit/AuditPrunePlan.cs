namespace ProcessorGateway.Core.Audit;

/// <summary>
/// The blocks a pass may prune from the start of a chain: every one, in order, up to the first one still within
/// retention or under a hold, at most a pass's bound.
/// </summary>
/// <param name="LastSequence">The last event of the last prunable block: the new prune point.</param>
/// <param name="LastHash">That event's hash.</param>
/// <param name="Blocks">How many blocks (still stored) the plan removes.</param>
/// <param name="Events">How many events those blocks hold.</param>
/// <param name="StoppedAtHold">Whether a block under a legal hold stopped the plan.</param>
public sealed record AuditPrunePlan(string ChainId, long LastSequence, string LastHash, int Blocks, long Events, bool StoppedAtHold);
