namespace ProcessorGateway.Core.Audit;

/// <summary>What a walk of a chain found: how many events it checked, the head it reached, and the first break, if any.</summary>
public sealed record ChainVerification(string ChainId, long EventsChecked, long HeadSequence, string HeadHash, ChainBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;
}
