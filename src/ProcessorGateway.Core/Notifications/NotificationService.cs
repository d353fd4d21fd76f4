using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Notifications;

/// <summary>
/// Tenants' notification channels, and the outbox: messages are queued with ids derived from what they
/// announce, then delivered by a job with retries and exponential backoff.
/// </summary>
public sealed class NotificationService(
    INotificationChannelStore channels, INotificationOutbox outbox, ISecretProtector protector, IEnumerable<INotificationSender> senders,
    DeliveryBackoff backoff, TimeProvider time)
{
    public const string WebhookSecretPurpose = "webhook-secret";
    public const int MaxRecipients = 10;
    private const string SecretPrefix = "whsec_";

    /// <returns>The channels, and a new webhook secret to show once (null when the old one is kept).</returns>
    public async Task<(TenantChannels Channels, string? NewSecret)> SetChannelsAsync(
        string tenantId, string? webhookUrl, IReadOnlyList<string> recipients, bool rotateSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var url = string.IsNullOrEmpty(webhookUrl) ? null : WebhookUrl(webhookUrl);
        var emails = Recipients(recipients);
        var existing = await channels.FindAsync(tenantId, cancellationToken).ConfigureAwait(false);
        string? secret = null;
        var wrapped = existing?.WrappedWebhookSecret;
        if (rotateSecret || wrapped is null)
        {
            secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            wrapped = protector.Protect(tenantId, WebhookSecretPurpose, Encoding.UTF8.GetBytes(secret));
        }

        var saved = new TenantChannels(tenantId, url, emails, wrapped);
        await channels.SaveAsync(saved, cancellationToken).ConfigureAwait(false);
        return (saved, secret);
    }

    /// <summary>Queues the receipt for every channel the tenant has; idempotent per request and channel.</summary>
    public async Task NotifyReceiptAsync(DeletionReceipt receipt, string signedReceipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var tenant = await channels.FindAsync(receipt.TenantId, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return;
        }

        const string EventType = "erasure.executed";
        await EnqueueAsync(tenant, receipt.RequestId, EventType, $"Deletion receipt: erasure request {receipt.RequestId} of tenant {receipt.TenantId}",
            () => ReceiptMessages.Json(receipt, signedReceipt, EventType), () => ReceiptMessages.Text(receipt, signedReceipt), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues a refused request, with its reason and what blocked it, for every channel the tenant has; idempotent per request and channel.</summary>
    public async Task NotifyRefusalAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = await channels.FindAsync(request.TenantId, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return;
        }

        await EnqueueAsync(tenant, $"{request.RequestId}:refused", RefusalMessages.EventType, $"Erasure refused: request {request.RequestId} of tenant {request.TenantId}",
            () => RefusalMessages.Json(request), () => RefusalMessages.Text(request), cancellationToken).ConfigureAwait(false);
    }

    private async Task EnqueueAsync(
        TenantChannels tenant, string idPrefix, string eventType, string subject, Func<string> json, Func<string> text, CancellationToken cancellationToken)
    {
        var now = Now();
        if (tenant.WebhookUrl is not null)
        {
            await outbox.EnqueueAsync(new OutboxMessage($"{idPrefix}:webhook", tenant.TenantId, NotificationChannel.Webhook, eventType, subject, json(), now),
                cancellationToken).ConfigureAwait(false);
        }

        if (tenant.EmailRecipients.Count > 0)
        {
            await outbox.EnqueueAsync(new OutboxMessage($"{idPrefix}:email", tenant.TenantId, NotificationChannel.Email, eventType, subject, text(), now),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Claims one due message and tries to deliver it.</summary>
    /// <returns><c>false</c> when nothing was due.</returns>
    public async Task<bool> DeliverNextAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now();
        var message = await outbox.ClaimAsync(now, owner, now + lease, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return false;
        }

        var attempts = message.Attempts + 1;
        try
        {
            var tenant = await channels.FindAsync(message.TenantId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the tenant has no notification channels any more");
            var sender = senders.FirstOrDefault(s => s.Channel == message.Channel)
                ?? throw new InvalidOperationException($"no sender for {message.Channel}");
            await sender.SendAsync(message, tenant, cancellationToken).ConfigureAwait(false);
            await outbox.MarkDeliveredAsync(message.MessageId, owner, Now(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failed = Now();
            await outbox.MarkFailedAsync(message.MessageId, owner, attempts, backoff.Next(attempts, failed), e.GetType().Name + ": " + Truncate(e.Message), failed,
                cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Delivery runs on the real clock (the erasure clock may be a test's fake); to the millisecond, as MongoDB keeps it.</summary>
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];

    private static Uri WebhookUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || value.Length > 2000
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && (url.IsLoopback || IPAddress.TryParse(url.Host, out var ip) && IPAddress.IsLoopback(ip)))))
        {
            throw DomainErrors.Invalid("webhook_url", "must be an absolute https URL (plain http only to a loopback address), up to 2000 characters");
        }

        return url;
    }

    private static List<string> Recipients(IReadOnlyList<string> recipients)
    {
        if (recipients.Count > MaxRecipients)
        {
            throw DomainErrors.Invalid("email_recipients", string.Create(CultureInfo.InvariantCulture, $"must list at most {MaxRecipients} addresses"));
        }

        foreach (var (address, index) in recipients.Select((a, i) => (a, i)))
        {
            var at = address.IndexOf('@', StringComparison.Ordinal);
            if (address.Length > 254 || at <= 0 || at != address.LastIndexOf('@') || at == address.Length - 1
                || address.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';' or '"'))
            {
                throw DomainErrors.Invalid("email_recipients", string.Create(CultureInfo.InvariantCulture, $"entry {index} is not an e-mail address"));
            }
        }

        return recipients.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// Queues, for every channel the tenant has, that a request missed <paramref name="deadline"/> (verification's or a
    /// part's); idempotent per request, deadline and channel, so a retried pass never tells twice.
    /// </summary>
    public async Task NotifyOverdueAsync(ErasureRequest request, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = await channels.FindAsync(request.TenantId, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return;
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"{request.RequestId}:overdue:{deadline.ToUnixTimeMilliseconds()}");
        await EnqueueAsync(tenant, id, OverdueMessages.EventType, $"Erasure overdue: request {request.RequestId} of tenant {request.TenantId}",
            () => OverdueMessages.Json(request, deadline), () => OverdueMessages.Text(request, deadline), cancellationToken).ConfigureAwait(false);
    }
}
