namespace ProcessorGateway.Core.Notifications;

/// <summary>
/// One notification to deliver on one channel. The id is derived from what it announces and the
/// channel, so queuing it twice stores it once. The body names ids and dates, never personal values:
/// a message to the requester names its request, and the sender decrypts the address at send time.
/// </summary>
public sealed record OutboxMessage(
    string MessageId, string TenantId, NotificationChannel Channel, string EventType, string Subject, string Body, DateTimeOffset CreatedAt)
{
    /// <summary>The erasure request it is about (unset on messages queued before requests were recorded).</summary>
    public string? RequestId { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset NextAttemptAt { get; init; } = CreatedAt;

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>Set once the delivery was given up after the last attempt.</summary>
    public DateTimeOffset? GaveUpAt { get; init; }

    /// <summary>The last failure, as the sender described it (status code, exception type): no secrets, no bodies, no addresses.</summary>
    public string? LastError { get; init; }

    /// <summary>A requester's message: when the address it was for was destroyed (after delivery, or the resend window after giving up).</summary>
    public DateTimeOffset? AddressDestroyedAt { get; init; }
}
