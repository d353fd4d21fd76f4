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

    /// <returns>The tenant's message with that id, or <c>null</c>.</returns>
    Task<OutboxMessage?> FindAsync(string tenantId, string messageId, CancellationToken cancellationToken);

    /// <summary>Every message about one request, oldest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> ListForRequestAsync(string tenantId, string requestId, CancellationToken cancellationToken);

    /// <summary>The tenant's given-up messages after <paramref name="after"/>, oldest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> ListGivenUpAsync(string tenantId, Paging.TimedPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>Queues a given-up message again, from its first attempt.</summary>
    /// <returns><c>false</c> when it is not (or no longer) given up.</returns>
    Task<bool> RequeueAsync(string tenantId, string messageId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Requesters' messages whose address is still kept though it is due for destruction, across tenants: given up
    /// before <paramref name="gaveUpBefore"/>, or delivered (a destruction cut short right after delivery).
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ListAddressesToDestroyAsync(DateTimeOffset gaveUpBefore, int limit, CancellationToken cancellationToken);

    Task MarkAddressDestroyedAsync(string messageId, DateTimeOffset at, CancellationToken cancellationToken);
}
