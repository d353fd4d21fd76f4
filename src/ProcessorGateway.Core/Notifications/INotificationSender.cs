namespace ProcessorGateway.Core.Notifications;

/// <summary>Delivers one message on one channel; throws on failure (the outbox retries with backoff).</summary>
public interface INotificationSender
{
    NotificationChannel Channel { get; }

    Task SendAsync(OutboxMessage message, TenantChannels channels, CancellationToken cancellationToken);
}
