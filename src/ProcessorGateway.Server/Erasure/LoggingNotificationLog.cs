using ProcessorGateway.Core.Notifications;

namespace ProcessorGateway.Server.Erasure;

/// <summary>Notification outcomes as the gateway's log events (ids, channels and event types only).</summary>
internal sealed class LoggingNotificationLog(ILogger<LoggingNotificationLog> logger) : INotificationLog
{
    public void NobodyToNotify(string tenantId, string requestId, string eventType) => GatewayLog.NobodyToNotify(logger, requestId, tenantId, eventType);

    public void GaveUp(string tenantId, string messageId, NotificationChannel channel, string eventType) =>
        GatewayLog.NotificationGivenUp(logger, messageId, tenantId, channel, eventType);

    public void AddressDestroyed(string tenantId, string requestId, string why) => GatewayLog.RequesterAddressDestroyed(logger, requestId, tenantId, why);
}
