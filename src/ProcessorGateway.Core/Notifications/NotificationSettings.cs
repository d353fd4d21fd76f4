namespace ProcessorGateway.Core.Notifications;

/// <summary>How long a requester's address is kept after their message was given up, so an operator can resend it.</summary>
public sealed record NotificationSettings(TimeSpan ResendWindow);
