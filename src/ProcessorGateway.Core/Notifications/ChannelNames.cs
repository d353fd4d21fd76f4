namespace ProcessorGateway.Core.Notifications;

/// <summary>A channel as the API, the metrics and pgctl name it.</summary>
public static class ChannelNames
{
    public static string Of(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Webhook => "webhook",
        NotificationChannel.Email => "email",
        NotificationChannel.Requester => "requester",
        _ => "unknown",
    };
}
