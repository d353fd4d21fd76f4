namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// The clock erasure deadlines are counted on. Its own type so a test can fix the time of receipt
/// (a fake provider) without moving the clock tokens and caches run on.
/// </summary>
public sealed record ErasureClock(TimeProvider Time)
{
    /// <summary>To the millisecond, as MongoDB keeps it.</summary>
    public DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(Time.GetUtcNow().ToUnixTimeMilliseconds());
}
