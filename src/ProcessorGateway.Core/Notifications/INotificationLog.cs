namespace ProcessorGateway.Core.Notifications;

/// <summary>Port for the log events of notification outcomes; implemented by the host. Ids, channels and event types only.</summary>
public interface INotificationLog
{
    /// <summary>A request ended (executed or refused) and nobody could be told: no requester address and no tenant channel.</summary>
    void NobodyToNotify(string tenantId, string requestId, string eventType);

    /// <summary>A message was given up after its last attempt.</summary>
    void GaveUp(string tenantId, string messageId, NotificationChannel channel, string eventType);

    /// <summary>A requester's address (its key) was destroyed.</summary>
    void AddressDestroyed(string tenantId, string requestId, string why);
}
