namespace ProcessorGateway.Core.Audit;

public enum ChainBreakKind
{
    /// <summary>A sequence number is missing: events were deleted.</summary>
    Missing = 1,

    /// <summary>An event's contents no longer match its hash: it was edited.</summary>
    Edited = 2,

    /// <summary>An event does not follow the one before it: events were moved or reordered.</summary>
    OutOfOrder = 3,
}
