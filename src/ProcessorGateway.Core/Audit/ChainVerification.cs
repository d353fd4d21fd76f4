namespace ProcessorGateway.Core.Audit;

/// <summary>What a walk of a chain found: how many events it checked, the head it reached, and the first break, if any.</summary>
/// <param name="Checkpoint">The stored checkpoint the walk was held against, if the chain has one.</param>
public sealed record ChainVerification(string ChainId, long EventsChecked, long HeadSequence, string HeadHash, ChainBreak? FirstBreak)
{
    public AuditCheckpoint? Checkpoint { get; init; }

    public bool Intact => FirstBreak is null;
}
