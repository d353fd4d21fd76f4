namespace ProcessorGateway.Core.Erasure;

/// <summary>received → verified → executing → executed → purged, or refused. Stored: never renumber.</summary>
public enum ErasureState
{
    Received = 1,
    Verified = 2,
    Executing = 3,
    Executed = 4,
    Purged = 5,
    Refused = 6,
}
