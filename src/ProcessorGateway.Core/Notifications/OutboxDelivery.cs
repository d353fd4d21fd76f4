using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Notifications.Webhooks;

namespace ProcessorGateway.Core.Notifications;

/// <summary>
/// Delivers the outbox: claims one due message, sends it on its channel, and marks it delivered, or failed with
/// the next attempt after backoff, or given up after the last (counted, logged). A message to the requester is
/// sent to the address decrypted just then; once it is delivered, or given up and the resend window has passed,
/// the address's key is destroyed.
/// </summary>
public sealed class OutboxDelivery(
    INotificationChannelStore channels, INotificationOutbox outbox, IEnumerable<INotificationSender> senders, IMailer mailer, RequesterContacts contacts,
    IErasureRequestStore requests, DeliveryBackoff backoff, NotificationSettings settings, INotificationLog log, TimeProvider time)
{
    /// <summary>Claims one due message and tries to deliver it.</summary>
    /// <returns><c>false</c> when nothing was due.</returns>
    public async Task<bool> DeliverNextAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = OutboxClock.Now(time);
        var message = await outbox.ClaimAsync(now, owner, now + lease, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return false;
        }

        var attempts = message.Attempts + 1;
        try
        {
            if (message.Channel == NotificationChannel.Requester)
            {
                await SendToRequesterAsync(message, owner, attempts, cancellationToken).ConfigureAwait(false);
                return true;
            }

            var tenant = await channels.FindAsync(message.TenantId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the tenant has no notification channels any more");
            var sender = senders.FirstOrDefault(s => s.Channel == message.Channel)
                ?? throw new InvalidOperationException($"no sender for {message.Channel}");
            await sender.SendAsync(message, tenant, cancellationToken).ConfigureAwait(false);
            await outbox.MarkDeliveredAsync(message.MessageId, owner, OutboxClock.Now(time), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A refused destination is given up at once: retrying cannot make it allowed, and must not become a retry storm.
            if (Refusal(e) is { } refused)
            {
                await FailAsync(message, owner, attempts, null, nameof(DestinationRefusedException) + ": " + Truncate(refused.Message), cancellationToken).ConfigureAwait(false);
                return true;
            }

            // A requester's mail server may quote the address in its reply: only the exception type or our own status text is kept.
            var error = message.Channel == NotificationChannel.Requester && e is not MailRejectedException ? e.GetType().Name : e.GetType().Name + ": " + Truncate(e.Message);
            await FailAsync(message, owner, attempts, backoff.Next(attempts, OutboxClock.Now(time)), error, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Destroys the addresses of requesters' messages given up longer ago than the resend window (or delivered, if that destruction was cut short).</summary>
    /// <returns>How many were destroyed.</returns>
    public async Task<int> DestroyExpiredAddressesAsync(int limit, CancellationToken cancellationToken)
    {
        var now = OutboxClock.Now(time);
        var expired = await outbox.ListAddressesToDestroyAsync(now - settings.ResendWindow, limit, cancellationToken).ConfigureAwait(false);
        foreach (var message in expired)
        {
            await DestroyAddressAsync(message, message.DeliveredAt is null ? "delivery given up and the resend window passed" : "the requester was told", cancellationToken).ConfigureAwait(false);
        }

        return expired.Count;
    }

    private async Task SendToRequesterAsync(OutboxMessage message, string owner, int attempts, CancellationToken cancellationToken)
    {
        var request = message.RequestId is null ? null : await requests.FindAsync(message.TenantId, message.RequestId, cancellationToken).ConfigureAwait(false);
        var address = request is null ? null : await contacts.RevealAsync(request, cancellationToken).ConfigureAwait(false);
        if (address is null)
        {
            // Destroyed already (with the tenant's keys, or after an earlier delivery): there is nobody to send to, and retrying cannot change that.
            await FailAsync(message, owner, attempts, null, "the requester's address is no longer kept", cancellationToken).ConfigureAwait(false);
            await outbox.MarkAddressDestroyedAsync(message.MessageId, OutboxClock.Now(time), cancellationToken).ConfigureAwait(false);
            return;
        }

        await mailer.SendAsync(message, [address], cancellationToken).ConfigureAwait(false);
        await outbox.MarkDeliveredAsync(message.MessageId, owner, OutboxClock.Now(time), cancellationToken).ConfigureAwait(false);
        await DestroyAddressAsync(message, "the requester was told", cancellationToken).ConfigureAwait(false);
    }

    private async Task FailAsync(OutboxMessage message, string owner, int attempts, DateTimeOffset? next, string error, CancellationToken cancellationToken)
    {
        await outbox.MarkFailedAsync(message.MessageId, owner, attempts, next, error, OutboxClock.Now(time), cancellationToken).ConfigureAwait(false);
        if (next is null)
        {
            NotificationMetrics.CountGivenUp(message.Channel, message.EventType);
            log.GaveUp(message.TenantId, message.MessageId, message.Channel, message.EventType);
        }
    }

    private async Task DestroyAddressAsync(OutboxMessage message, string why, CancellationToken cancellationToken)
    {
        var request = message.RequestId is null ? null : await requests.FindAsync(message.TenantId, message.RequestId, cancellationToken).ConfigureAwait(false);
        if (request?.ContactKeyId is { } keyId)
        {
            await contacts.DestroyAsync(message.TenantId, keyId, $"erasure request {request.RequestId}: {why}", cancellationToken).ConfigureAwait(false);
            log.AddressDestroyed(message.TenantId, request.RequestId, why);
        }

        await outbox.MarkAddressDestroyedAsync(message.MessageId, OutboxClock.Now(time), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The HTTP client wraps what its connect callback throws.</summary>
    private static DestinationRefusedException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DestinationRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];
}
