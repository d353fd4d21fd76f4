using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Notifications;

namespace ProcessorGateway.Server.Erasure;

/// <summary>
/// Delivers the outbox on every replica: each message is claimed with a lease in MongoDB, sent, and marked
/// delivered, or retried later with exponential backoff, and given up after the last attempt. Each pass then destroys
/// the addresses of requesters whose message was given up longer ago than the resend window.
/// </summary>
internal sealed class NotificationJob(OutboxDelivery delivery, IOptions<NotificationOptions> options, ILogger<NotificationJob> logger)
    : BackgroundService
{
    private const int MaxPerPass = 100;
    private readonly string _owner = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, TimeProvider.System);
        do
        {
            try
            {
                for (var i = 0; i < MaxPerPass && await delivery.DeliverNextAsync(_owner, options.Value.Lease, stoppingToken).ConfigureAwait(false); i++)
                {
                }

                await delivery.DestroyExpiredAddressesAsync(MaxPerPass, stoppingToken).ConfigureAwait(false);
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.Unavailable)
            {
                GatewayLog.NotificationDeliverySkipped(logger);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
