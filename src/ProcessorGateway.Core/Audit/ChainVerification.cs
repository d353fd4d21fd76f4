namespace ProcessorGateway.Core.Audit;

/// <summary>What a walk of a chain found: how many events it checked, the head it reached, and the first break, if any.</summary>
/// <param name="Checkpoint">The stored checkpoint the walk was held against, if the chain has one.</param>
public sealed record ChainVerification(string ChainId, long EventsChecked, long HeadSequence, string HeadHash, ChainBreak? FirstBreak)
{
    public AuditCheckpoint? Checkpoint { get; init; }

    /// <summary>Where the chain was pruned, if it was: the walk started after it.</summary>
    public AuditPrunePoint? Pruned { get; init; }

    /// <summary>The first place the walk checked: 1, or the one after the prune point.</summary>
    public long RetainedFrom => (Pruned?.Sequence ?? 0) + 1;

    public bool Intact => FirstBreak is null;
}
