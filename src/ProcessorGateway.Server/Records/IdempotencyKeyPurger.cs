using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Records;

namespace ProcessorGateway.Server.Records;

/// <summary>
/// Forgets idempotency keys after their retention. An explicit job, because TTL indexes are only a
/// backstop (and the development server never fires them). Deleting is idempotent, so every replica
/// may run it; leader election can come with Redis.
/// </summary>
internal sealed class IdempotencyKeyPurger(IIdempotencyStore store, TimeProvider time, ILogger<IdempotencyKeyPurger> logger) : BackgroundService
{
    /// <summary>Longer than any sensible client retry window; not worth tuning.</summary>
    internal static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var removed = await store.PurgeClaimedBeforeAsync(time.GetUtcNow() - Retention, stoppingToken).ConfigureAwait(false);
                GatewayLog.IdempotencyKeysPurged(logger, removed);
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.Unavailable)
            {
                GatewayLog.IdempotencyPurgeSkipped(logger);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
