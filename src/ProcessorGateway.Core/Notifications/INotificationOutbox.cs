namespace ProcessorGateway.Core.Notifications;

/// <summary>Storage port for the outbox. Claims are leases, so several replicas deliver without sending a message twice at once.</summary>
public interface INotificationOutbox
{
    /// <summary>Stores the message unless one with its id exists.</summary>
    Task EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>Claims one message whose next attempt is due and whose lease (if any) has lapsed, until <paramref name="leaseUntil"/>.</summary>
    Task<OutboxMessage?> ClaimAsync(DateTimeOffset now, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(string messageId, string owner, DateTimeOffset at, CancellationToken cancellationToken);

    /// <param name="nextAttemptAt">Null: give up.</param>
    Task MarkFailedAsync(string messageId, string owner, int attempts, DateTimeOffset? nextAttemptAt, string error, DateTimeOffset at, CancellationToken cancellationToken);
}
