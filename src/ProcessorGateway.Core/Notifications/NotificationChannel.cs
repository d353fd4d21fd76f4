namespace ProcessorGateway.Core.Notifications;

/// <summary>How a notification reaches a tenant. Stored: never renumber.</summary>
public enum NotificationChannel
{
    Webhook = 1,
    Email = 2,
}
