using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Erasure;

/// <summary>Bound from <c>Gateway:Notifications</c>: the outbox job and its retries.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = GatewaySections.Notifications;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one delivery attempt holds its message.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromHours(1);

    public int MaxAttempts { get; set; } = 12;

    /// <summary>Per webhook call.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a requester's address is kept after their message was given up, so an operator can resend it;
    /// then it is destroyed. 1 second to 90 days.
    /// </summary>
    public TimeSpan ResendWindow { get; set; } = TimeSpan.FromDays(14);

    public SmtpOptions Smtp { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();
}
