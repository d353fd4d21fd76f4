using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Notifications.Webhooks;
using ProcessorGateway.Core.Paging;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Notifications;

/// <summary>
/// Tenants' notification channels, and the outbox: messages are queued with ids derived from what they
/// announce (to the tenant's channels, and to the requester while their address is kept), then delivered by
/// <see cref="OutboxDelivery"/> with retries and exponential backoff; given-up messages can be listed and resent.
/// </summary>
public sealed class NotificationService(
    INotificationChannelStore channels, INotificationOutbox outbox, ISecretProtector protector, RequesterContacts contacts, IErasureRequestStore requests,
    INotificationLog log, Pager pager, WebhookPolicy webhooks, TimeProvider time)
{
    public const string WebhookSecretPurpose = "webhook-secret";
    public const int MaxRecipients = 10;
    private const string SecretPrefix = "whsec_";

    /// <returns>The channels, and a new webhook secret to show once (null when the old one is kept).</returns>
    public async Task<(TenantChannels Channels, string? NewSecret)> SetChannelsAsync(
        string tenantId, string? webhookUrl, IReadOnlyList<string> recipients, bool rotateSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var url = string.IsNullOrEmpty(webhookUrl) ? null : await webhooks.CheckUrlAsync(webhookUrl, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Queues the receipt for every channel the tenant has, and the confirmation for the requester while their
    /// address is kept; idempotent per request and channel.
    /// </summary>
    /// <returns><c>false</c> when nobody could be told (counted and logged).</returns>
    public async Task<bool> NotifyReceiptAsync(ErasureRequest request, DeletionReceipt receipt, string signedReceipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(receipt);
        const string EventType = "erasure.executed";
        var tenant = await channels.FindAsync(receipt.TenantId, cancellationToken).ConfigureAwait(false);
        var queued = await EnqueueAsync(tenant, request.TenantId, request.RequestId, EventType,
            $"Deletion receipt: erasure request {receipt.RequestId} of tenant {receipt.TenantId}",
            () => ReceiptMessages.Json(receipt, signedReceipt, EventType), () => ReceiptMessages.Text(receipt, signedReceipt), cancellationToken).ConfigureAwait(false);
        queued |= await EnqueueRequesterAsync(request, request.RequestId, EventType, RequesterMessages.ConfirmationSubject(receipt),
            () => RequesterMessages.Confirmation(receipt, signedReceipt), cancellationToken).ConfigureAwait(false);
        return Told(request, EventType, queued);
    }

    /// <summary>
    /// Queues a refused request, with its reason and what blocked it, for every channel the tenant has and for the
    /// requester while their address is kept; idempotent per request and channel.
    /// </summary>
    /// <returns><c>false</c> when nobody could be told (counted and logged).</returns>
    public async Task<bool> NotifyRefusalAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = await channels.FindAsync(request.TenantId, cancellationToken).ConfigureAwait(false);
        var idPrefix = $"{request.RequestId}:refused";
        var queued = await EnqueueAsync(tenant, request.TenantId, request.RequestId, RefusalMessages.EventType,
            $"Erasure refused: request {request.RequestId} of tenant {request.TenantId}",
            () => RefusalMessages.Json(request), () => RefusalMessages.Text(request), cancellationToken, idPrefix).ConfigureAwait(false);
        queued |= await EnqueueRequesterAsync(request, idPrefix, RefusalMessages.EventType, RequesterMessages.RefusalSubject(request),
            () => RequesterMessages.Refusal(request), cancellationToken).ConfigureAwait(false);
        return Told(request, RefusalMessages.EventType, queued);
    }

    /// <summary>The messages about one request and how their delivery went, oldest first.</summary>
    public Task<IReadOnlyList<OutboxMessage>> ListForRequestAsync(string tenantId, string requestId, CancellationToken cancellationToken) =>
        outbox.ListForRequestAsync(tenantId, requestId, cancellationToken);

    /// <summary>The tenant's messages given up after their last attempt, oldest first, a page at a time.</summary>
    public async Task<Page<OutboxMessage>> ListUndeliveredAsync(string tenantId, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var request = pager.Open(PageScope.Of(tenantId, "ListUndeliveredNotifications"), pageSize, pageToken);
        var found = await outbox.ListGivenUpAsync(tenantId, TimedPosition.Parse(request.After), request.Size + 1, cancellationToken).ConfigureAwait(false);
        return pager.Cut(request, found, m => TimedPosition.Of(m.CreatedAt, m.MessageId));
    }

    /// <summary>
    /// Queues a given-up message again, from its first attempt. A message to the requester only while their
    /// address is kept: after the resend window (or once delivered) it is destroyed, and resending is FAILED_PRECONDITION.
    /// </summary>
    public async Task<OutboxMessage> ResendAsync(string tenantId, string? messageId, CancellationToken cancellationToken)
    {
        var id = Identifiers.RecordId(messageId, "message_id");
        var message = await outbox.FindAsync(tenantId, id, cancellationToken).ConfigureAwait(false) ?? throw DomainErrors.NotFound("notification", id, "message_id");
        if (message.GaveUpAt is null)
        {
            throw DomainErrors.WrongState($"notification '{id}'", message.DeliveredAt is null ? "pending" : "delivered", "resent (only a given-up message can be)",
                "message_id");
        }

        if (message.Channel == NotificationChannel.Requester
            && (message.AddressDestroyedAt is not null || message.RequestId is null
                || await requests.FindAsync(tenantId, message.RequestId, cancellationToken).ConfigureAwait(false) is not { } request
                || !await contacts.IsOnFileAsync(request, cancellationToken).ConfigureAwait(false)))
        {
            throw new DomainException(DomainErrorKind.FailedPrecondition,
                $"notification '{id}' cannot be resent: the requester's address was destroyed (after the resend window, or with the tenant's keys)", "message_id");
        }

        var now = OutboxClock.Now(time);
        return await outbox.RequeueAsync(tenantId, id, now, cancellationToken).ConfigureAwait(false)
            ? message with { Attempts = 0, NextAttemptAt = now, GaveUpAt = null }
            : throw DomainErrors.ChangedMeanwhile($"notification '{id}'", "message_id");
    }

    private bool Told(ErasureRequest request, string eventType, bool queued)
    {
        if (!queued)
        {
            NotificationMetrics.CountNobodyToNotify(eventType);
            log.NobodyToNotify(request.TenantId, request.RequestId, eventType);
        }

        return queued;
    }

    /// <returns>Whether any message was queued.</returns>
    private async Task<bool> EnqueueAsync(
        TenantChannels? tenant, string tenantId, string requestId, string eventType, string subject, Func<string> json, Func<string> text,
        CancellationToken cancellationToken, string? idPrefix = null)
    {
        var prefix = idPrefix ?? requestId;
        var now = OutboxClock.Now(time);
        var queued = false;
        if (tenant?.WebhookUrl is not null)
        {
            await outbox.EnqueueAsync(new OutboxMessage($"{prefix}:webhook", tenantId, NotificationChannel.Webhook, eventType, subject, json(), now) { RequestId = requestId },
                cancellationToken).ConfigureAwait(false);
            queued = true;
        }

        if (tenant?.EmailRecipients.Count > 0)
        {
            await outbox.EnqueueAsync(new OutboxMessage($"{prefix}:email", tenantId, NotificationChannel.Email, eventType, subject, text(), now) { RequestId = requestId },
                cancellationToken).ConfigureAwait(false);
            queued = true;
        }

        return queued;
    }

    /// <summary>
    /// The requester's message names the request only; the sender decrypts the address when it sends. A replay (an
    /// execution resumed after a crash) finds the message queued before, though its address may be destroyed by now.
    /// </summary>
    private async Task<bool> EnqueueRequesterAsync(
        ErasureRequest request, string idPrefix, string eventType, string subject, Func<string> text, CancellationToken cancellationToken)
    {
        var id = $"{idPrefix}:requester";
        if (await outbox.FindAsync(request.TenantId, id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return true;
        }

        if (!await contacts.IsOnFileAsync(request, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await outbox.EnqueueAsync(new OutboxMessage(id, request.TenantId, NotificationChannel.Requester, eventType, subject, text(), OutboxClock.Now(time))
        {
            RequestId = request.RequestId,
        }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static List<string> Recipients(IReadOnlyList<string> recipients)
    {
        if (recipients.Count > MaxRecipients)
        {
            throw DomainErrors.Invalid("email_recipients", string.Create(CultureInfo.InvariantCulture, $"must list at most {MaxRecipients} addresses"));
        }

        foreach (var (address, index) in recipients.Select((a, i) => (a, i)))
        {
            if (!EmailAddress.IsValid(address))
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
        await EnqueueAsync(tenant, request.TenantId, request.RequestId, OverdueMessages.EventType,
            $"Erasure overdue: request {request.RequestId} of tenant {request.TenantId}", () => OverdueMessages.Json(request, deadline),
            () => OverdueMessages.Text(request, deadline), cancellationToken, id).ConfigureAwait(false);
    }
}
