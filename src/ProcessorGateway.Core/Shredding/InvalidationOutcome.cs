namespace ProcessorGateway.Core.Shredding;

/// <summary>How the other replicas learned of a shred, before the reply went out.</summary>
/// <param name="Acknowledged">Replicas that confirmed they evicted the keys.</param>
/// <param name="Revoked">Replicas that did not answer in time: their registration was revoked and their lease waited out.</param>
/// <param name="WaitedForLease">How long the reply waited for leases to lapse (zero when every replica answered).</param>
/// <param name="Note">One sentence for the caller, e.g. why the reply waited.</param>
public sealed record InvalidationOutcome(int Acknowledged, int Revoked, TimeSpan WaitedForLease, string Note)
{
    public static InvalidationOutcome LocalOnly { get; } =
        new(0, 0, TimeSpan.Zero, "single replica without Redis: the keys were evicted locally");
}
