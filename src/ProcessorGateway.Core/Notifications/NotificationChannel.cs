namespace ProcessorGateway.Core.Notifications;

/// <summary>How a notification reaches its reader. Stored: never renumber.</summary>
public enum NotificationChannel
{
    /// <summary>The tenant's webhook.</summary>
    Webhook = 1,

    /// <summary>The tenant's e-mail recipients.</summary>
    Email = 2,

    /// <summary>The person who asked, at the address on their erasure request (decrypted only to send).</summary>
    Requester = 3,
}
