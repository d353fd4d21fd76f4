namespace ProcessorGateway.Core.Notifications;

/// <summary>The outbox runs on the real clock (the erasure clock may be a test's fake), to the millisecond, as MongoDB keeps it.</summary>
internal static class OutboxClock
{
    public static DateTimeOffset Now(TimeProvider time) => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
}
